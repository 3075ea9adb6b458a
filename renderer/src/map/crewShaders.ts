// The crews layer's GLSL: each crew is one screen-aligned quad (an instance), shaded as an arrow
// turned to its heading or a dot, with a white outline and a soft shadow, or — in the halo pass —
// the ring of the selected or hovered crew. Shapes are signed distance fields in CSS pixels, so
// they stay sharp at any scale (the wall display draws them twice as large).

/** Per-instance floats: position (2, mercator relative to the layer's origin), colour (3) and
 * opacity, heading in radians (NO_HEADING: a dot), halo (0 none, 1 hover, 2 selected). */
export const INSTANCE_FLOATS = 8;
export const NO_HEADING = -100;

export const VERTEX = `#version 300 es
precision highp float;
uniform mat4 u_matrix;
uniform vec2 u_px_to_ndc;
uniform float u_half;
in vec2 a_corner;
in vec2 a_pos;
in vec4 a_color;
in vec2 a_style;
out vec2 v_px;
flat out vec4 v_color;
flat out vec2 v_style;
void main() {
  vec4 clip = u_matrix * vec4(a_pos, 0.0, 1.0);
  v_px = a_corner * u_half;
  // Screen y grows downwards, clip y upwards; scaling by w keeps the quad's size in pixels.
  clip.xy += vec2(v_px.x, -v_px.y) * u_px_to_ndc * clip.w;
  gl_Position = clip;
  v_color = a_color;
  v_style = a_style;
}`;

export const FRAGMENT = `#version 300 es
precision highp float;
uniform float u_scale;
uniform float u_bearing;
uniform int u_pass;
uniform vec3 u_halo_color;
in vec2 v_px;
flat in vec4 v_color;
flat in vec2 v_style;
out vec4 fragColor;

// The arrow of the 30 px icon, pointing north, centred: tip, right wing, notch, left wing.
const vec2 ARROW[4] = vec2[4](vec2(0.0, -13.0), vec2(10.0, 11.0), vec2(0.0, 6.0), vec2(-10.0, 11.0));

// Signed distance to the arrow polygon (negative inside): nearest edge, and the crossing-number
// parity for the sign.
float arrowDistance(vec2 p) {
  float d = dot(p - ARROW[0], p - ARROW[0]);
  float s = 1.0;
  for (int i = 0, j = 3; i < 4; j = i, i++) {
    vec2 e = ARROW[j] - ARROW[i];
    vec2 w = p - ARROW[i];
    vec2 b = w - e * clamp(dot(w, e) / dot(e, e), 0.0, 1.0);
    d = min(d, dot(b, b));
    bvec3 c = bvec3(p.y >= ARROW[i].y, p.y < ARROW[j].y, e.x * w.y > e.y * w.x);
    if (all(c) || all(not(c))) s = -s;
  }
  return s * sqrt(d);
}

// Coverage of the region d < edge, antialiased over about a pixel.
float inside(float d, float edge) {
  return 1.0 - smoothstep(edge - 0.6, edge + 0.6, d);
}

void main() {
  if (u_pass == 0) {
    float r = length(v_px);
    float selected = step(1.5, v_style.y);
    float fill = inside(r, 19.0 * u_scale) * mix(0.22, 0.4, selected);
    float ring = selected * inside(abs(r - 19.0 * u_scale), 1.25 * u_scale);
    float a = max(fill, ring);
    fragColor = vec4(u_halo_color * a, a);
    return;
  }
  float d;
  if (v_style.x <= ${NO_HEADING.toFixed(1)} + 1.0) {
    d = length(v_px) - 8.5 * u_scale;
  } else {
    // Into the icon's own frame: undo the heading (clockwise from north) as seen on this map.
    float t = v_style.x - u_bearing;
    vec2 p = mat2(cos(t), -sin(t), sin(t), cos(t)) * v_px;
    d = arrowDistance(p / u_scale) * u_scale;
  }
  float body = inside(d, -1.0 * u_scale);
  float shape = inside(d, 1.0 * u_scale);
  float shadow = 0.3 * (1.0 - smoothstep(0.0, 3.0 * u_scale, d - u_scale)) * (1.0 - shape);
  // Premultiplied alpha, as the map blends: the colour inside, a white outline, the shadow under.
  vec3 rgb = v_color.rgb * body + vec3(1.0) * (shape - body);
  fragColor = vec4(rgb, shape + shadow) * v_color.a;
}`;
