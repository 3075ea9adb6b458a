// The crews, drawn by a MapLibre custom layer straight into the map's WebGL context. A fix goes
// from the store into a typed array and is on the GPU at the next frame: no GeoJSON source, no
// worker round trip, no symbol placement. With software rendering a frame costs hundreds of
// milliseconds, and those round trips are what kept a fix off the screen for several frames.
// The layer asks for what to draw while the frame is being drawn (`invalidate` only asks for a
// frame), so a fix that arrives during a frame is in the very next one.
// 500 crews are a 16 KB buffer, re-sent whole when anything changed (cheaper than tracking which
// bytes did). Hit testing works on what the last frame drew, in screen pixels.
import { MercatorCoordinate, type CustomLayerInterface, type CustomRenderMethodInput, type Map as MapLibreMap } from 'maplibre-gl';
import { FRAGMENT, INSTANCE_FLOATS, NO_HEADING, VERTEX } from './crewShaders';

/** One crew as the layer draws it. */
export interface CrewSprite {
  id: string;
  lon: number;
  lat: number;
  /** `#rrggbb`. */
  color: string;
  opacity: number;
  /** Degrees clockwise from north; null draws a dot. */
  heading: number | null;
  halo: 'none' | 'hover' | 'selected';
  /** The fix this sprite shows (ms since the epoch), for tests and the benchmark. */
  at: number;
}

const HALO_CODE = { none: 0, hover: 1, selected: 2 } as const;
/** Half the quad's side in CSS px at scale 1: the 30 px arrow, and the 19 px halo with its ring. */
const HALF = { shape: 15, halo: 21 } as const;
/** How far from a crew's centre a pointer still touches it, in CSS px at scale 1. */
const HIT_RADIUS = 13;

const rgbCache = new Map<string, [number, number, number]>();
function rgb(hex: string): [number, number, number] {
  let c = rgbCache.get(hex);
  if (!c) {
    const n = parseInt(hex.slice(1), 16);
    c = [((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255];
    rgbCache.set(hex, c);
  }
  return c;
}

interface Gl {
  program: WebGLProgram;
  vao: WebGLVertexArrayObject;
  corners: WebGLBuffer;
  instances: WebGLBuffer;
  uniforms: Record<'matrix' | 'pxToNdc' | 'half' | 'scale' | 'bearing' | 'pass' | 'haloColor', WebGLUniformLocation | null>;
  attributes: Record<'pos' | 'color' | 'style', number>;
}

/** What to draw at `now` (performance.now()), bottom first; `moving` asks for another frame. */
export type CrewFrame = (now: number) => { sprites: readonly CrewSprite[]; moving: boolean };

export class CrewGlLayer implements CustomLayerInterface {
  readonly type = 'custom';
  readonly renderingMode = '2d';
  private map: MapLibreMap | null = null;
  /** Set up on the first draw. (After a lost context the whole map is rebuilt: see DistrictMap.) */
  private gl: Gl | null = null;
  /** Set up failed (a driver that cannot compile the shaders): the map goes on without crews. */
  private failed = false;
  private data = new Float32Array(0);
  /** The next frame must ask for sprites again (something changed, or crews are moving). */
  private stale = true;
  private haloCount = 0;
  /** Drawn in this order: the last is on top. */
  private lastDrawn: readonly CrewSprite[] = [];
  /** Positions are sent relative to this mercator point: float32 is then exact to well under a pixel. */
  private readonly origin: MercatorCoordinate;

  constructor(
    readonly id: string,
    private readonly scale: number,
    origin: [number, number],
    private readonly haloColor: string,
    private readonly frame: CrewFrame,
  ) {
    this.origin = MercatorCoordinate.fromLngLat(origin);
  }

  /** Something to draw changed: ask for a frame. */
  invalidate(): void {
    this.stale = true;
    this.map?.triggerRepaint();
  }

  /** The crews the last frame drew. */
  drawn(): readonly CrewSprite[] {
    return this.lastDrawn;
  }

  /** The topmost crew drawn under a screen point, if any. */
  hit(point: { x: number; y: number }): string | null {
    if (!this.map) return null;
    const r2 = (HIT_RADIUS * this.scale) ** 2;
    for (let i = this.lastDrawn.length - 1; i >= 0; i--) {
      const s = this.lastDrawn[i];
      const p = this.map.project([s.lon, s.lat]);
      if ((p.x - point.x) ** 2 + (p.y - point.y) ** 2 <= r2) return s.id;
    }
    return null;
  }

  onAdd(map: MapLibreMap): void {
    this.map = map;
    this.stale = true;
  }

  onRemove(_map: MapLibreMap, gl: WebGL2RenderingContext): void {
    if (this.gl) {
      gl.deleteProgram(this.gl.program);
      gl.deleteVertexArray(this.gl.vao);
      gl.deleteBuffer(this.gl.corners);
      gl.deleteBuffer(this.gl.instances);
    }
    this.gl = null;
    this.map = null;
  }

  render(gl: WebGL2RenderingContext, options: CustomRenderMethodInput): void {
    const map = this.map;
    if (!map || this.failed) return;
    if (!this.gl) {
      try {
        this.gl = setUp(gl);
      } catch (err) {
        this.failed = true;
        console.error('crews layer unavailable: the crews stay in the list but not on the map', err);
        return;
      }
    }
    const g = this.gl;
    gl.bindVertexArray(g.vao);
    gl.bindBuffer(gl.ARRAY_BUFFER, g.instances);
    if (this.stale) {
      const { sprites, moving } = this.frame(performance.now());
      this.upload(gl, sprites);
      this.lastDrawn = sprites;
      this.stale = moving;
      if (moving) map.triggerRepaint();
    }
    const n = this.lastDrawn.length;
    if (n) {
      gl.useProgram(g.program);
      gl.disable(gl.DEPTH_TEST);
      gl.disable(gl.STENCIL_TEST);
      gl.enable(gl.BLEND);
      gl.blendFunc(gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
      const canvas = map.getCanvas();
      gl.uniformMatrix4fv(g.uniforms.matrix, false, relativeTo(options.defaultProjectionData.mainMatrix, this.origin));
      gl.uniform2f(g.uniforms.pxToNdc, 2 / canvas.clientWidth, 2 / canvas.clientHeight);
      gl.uniform1f(g.uniforms.scale, this.scale);
      gl.uniform1f(g.uniforms.bearing, (map.getBearing() * Math.PI) / 180);
      const [r, gr, b] = rgb(this.haloColor);
      gl.uniform3f(g.uniforms.haloColor, r, gr, b);
      // Halos first (only the crews that have one: they sort last), then every crew on top.
      if (this.haloCount) {
        this.pointInstances(gl, n - this.haloCount);
        gl.uniform1i(g.uniforms.pass, 0);
        gl.uniform1f(g.uniforms.half, HALF.halo * this.scale);
        gl.drawArraysInstanced(gl.TRIANGLE_STRIP, 0, 4, this.haloCount);
      }
      this.pointInstances(gl, 0);
      gl.uniform1i(g.uniforms.pass, 1);
      gl.uniform1f(g.uniforms.half, HALF.shape * this.scale);
      gl.drawArraysInstanced(gl.TRIANGLE_STRIP, 0, 4, n);
    }
    gl.bindVertexArray(null);
  }

  private upload(gl: WebGL2RenderingContext, sprites: readonly CrewSprite[]): void {
    const n = sprites.length;
    if (this.data.length < n * INSTANCE_FLOATS) this.data = new Float32Array(Math.max(64, n * 2) * INSTANCE_FLOATS);
    const d = this.data;
    let halos = 0;
    for (let i = 0; i < n; i++) {
      const s = sprites[i];
      const m = MercatorCoordinate.fromLngLat([s.lon, s.lat]);
      const [r, g, b] = rgb(s.color);
      const o = i * INSTANCE_FLOATS;
      d[o] = m.x - this.origin.x;
      d[o + 1] = m.y - this.origin.y;
      d[o + 2] = r;
      d[o + 3] = g;
      d[o + 4] = b;
      d[o + 5] = s.opacity;
      d[o + 6] = s.heading === null ? NO_HEADING : (s.heading * Math.PI) / 180;
      d[o + 7] = HALO_CODE[s.halo];
      if (s.halo !== 'none') halos++;
    }
    this.haloCount = halos;
    gl.bufferData(gl.ARRAY_BUFFER, d.subarray(0, n * INSTANCE_FLOATS), gl.DYNAMIC_DRAW);
  }

  /** Points the per-instance attributes at the buffer from instance `first` on. */
  private pointInstances(gl: WebGL2RenderingContext, first: number): void {
    const { attributes: a } = this.gl!;
    const stride = INSTANCE_FLOATS * 4;
    const base = first * stride;
    gl.vertexAttribPointer(a.pos, 2, gl.FLOAT, false, stride, base);
    gl.vertexAttribPointer(a.color, 4, gl.FLOAT, false, stride, base + 8);
    gl.vertexAttribPointer(a.style, 2, gl.FLOAT, false, stride, base + 24);
  }
}

/** The map's matrix for mercator [0, 1]² with the origin moved to `o` (in float64, then float32). */
function relativeTo(m: ArrayLike<number>, o: MercatorCoordinate): Float32Array {
  const out = Float32Array.from(m);
  for (let row = 0; row < 4; row++) out[12 + row] = m[row] * o.x + m[4 + row] * o.y + m[12 + row];
  return out;
}

function compile(gl: WebGL2RenderingContext, type: number, source: string): WebGLShader {
  const shader = gl.createShader(type)!;
  gl.shaderSource(shader, source);
  gl.compileShader(shader);
  if (!gl.getShaderParameter(shader, gl.COMPILE_STATUS)) throw new Error(`crews shader: ${gl.getShaderInfoLog(shader)}`);
  return shader;
}

function setUp(gl: WebGL2RenderingContext): Gl {
  const program = gl.createProgram();
  const vs = compile(gl, gl.VERTEX_SHADER, VERTEX);
  const fs = compile(gl, gl.FRAGMENT_SHADER, FRAGMENT);
  gl.attachShader(program, vs);
  gl.attachShader(program, fs);
  gl.linkProgram(program);
  gl.deleteShader(vs);
  gl.deleteShader(fs);
  if (!gl.getProgramParameter(program, gl.LINK_STATUS)) throw new Error(`crews program: ${gl.getProgramInfoLog(program)}`);

  const attributes = {
    pos: gl.getAttribLocation(program, 'a_pos'),
    color: gl.getAttribLocation(program, 'a_color'),
    style: gl.getAttribLocation(program, 'a_style'),
  };
  const uniform = (name: string) => gl.getUniformLocation(program, name);
  const uniforms = {
    matrix: uniform('u_matrix'),
    pxToNdc: uniform('u_px_to_ndc'),
    half: uniform('u_half'),
    scale: uniform('u_scale'),
    bearing: uniform('u_bearing'),
    pass: uniform('u_pass'),
    haloColor: uniform('u_halo_color'),
  };

  const vao = gl.createVertexArray();
  gl.bindVertexArray(vao);
  const corners = gl.createBuffer();
  gl.bindBuffer(gl.ARRAY_BUFFER, corners);
  gl.bufferData(gl.ARRAY_BUFFER, new Float32Array([-1, -1, 1, -1, -1, 1, 1, 1]), gl.STATIC_DRAW);
  const corner = gl.getAttribLocation(program, 'a_corner');
  gl.enableVertexAttribArray(corner);
  gl.vertexAttribPointer(corner, 2, gl.FLOAT, false, 0, 0);
  const instances = gl.createBuffer();
  gl.bindBuffer(gl.ARRAY_BUFFER, instances);
  for (const loc of Object.values(attributes)) {
    gl.enableVertexAttribArray(loc);
    gl.vertexAttribDivisor(loc, 1);
  }
  gl.bindVertexArray(null);
  gl.bindBuffer(gl.ARRAY_BUFFER, null);
  return { program, vao, corners, instances, uniforms, attributes };
}
