// Static checks of the Electron shell's security posture (its binary cannot run here): the window
// options, what the preload exposes and which channels it may use, that every IPC entry point
// checks its sender first, and the URL checks behind navigation and IPC.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { BRIDGE_KEY, IPC_CHANNELS } from '../../common/api/bridge';
import { isAppUrl, isSafeExternalUrl } from '../../main/electron/app-origin';
import { mainWindowOptions } from '../../main/electron/window-options';

const ROOT = path.resolve(import.meta.dirname, '../..');

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(path.join(ROOT, file), 'utf8'), ts.ScriptTarget.ES2023, true);
}

function walk(node: ts.Node, visit: (n: ts.Node) => void): void {
  visit(node);
  node.forEachChild((child) => walk(child, visit));
}

/** Every `object.method(...)` call in a file, with its arguments. */
function methodCalls(source: ts.SourceFile, object: string): Array<{ method: string; args: ts.NodeArray<ts.Expression> }> {
  const calls: Array<{ method: string; args: ts.NodeArray<ts.Expression> }> = [];
  walk(source, (n) => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.expression.getText() === object) {
      calls.push({ method: n.expression.name.text, args: n.arguments });
    }
  });
  return calls;
}

const channelKeys = Object.keys(IPC_CHANNELS).map((k) => `IPC_CHANNELS.${k}`);

describe('BrowserWindow options', () => {
  for (const wall of [false, true]) {
    it(`keep the renderer sandboxed and isolated (${wall ? 'wall' : 'operator'})`, () => {
      const o = mainWindowOptions({ preload: '/app/dist/preload/preload.cjs', wall });
      expect(o.webPreferences).toMatchObject({
        preload: '/app/dist/preload/preload.cjs',
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
      });
      expect(o.kiosk).toBe(wall);
    });
  }
});

describe('preload', () => {
  const source = parse('preload/preload.ts');

  it('exposes one object, window.console137, with only call and subscribe', () => {
    const exposes = methodCalls(source, 'contextBridge');
    expect(exposes.map((c) => c.method)).toEqual(['exposeInMainWorld']);
    const [key, value] = exposes[0].args;
    expect(key.getText()).toBe('BRIDGE_KEY');
    expect(BRIDGE_KEY).toBe('console137');
    let keys: string[] = [];
    walk(source, (n) => {
      if (ts.isVariableDeclaration(n) && n.name.getText() === value.getText() && n.initializer && ts.isObjectLiteralExpression(n.initializer)) {
        keys = n.initializer.properties.map((p) => p.name!.getText());
      }
    });
    expect(keys).toEqual(['call', 'subscribe']);
  });

  it('uses ipcRenderer only through allow-listed channels and never hands it out', () => {
    const calls = methodCalls(source, 'ipcRenderer');
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) {
      expect(['invoke', 'send', 'on']).toContain(call.method);
      expect(channelKeys).toContain(call.args[0].getText());
    }
    // Every mention of ipcRenderer is its import or the object of one of those calls.
    let mentions = 0;
    walk(source, (n) => {
      if (ts.isIdentifier(n) && n.text === 'ipcRenderer') mentions++;
    });
    expect(mentions).toBe(calls.length + 1);
  });

  it('imports only electron and the bridge declarations', () => {
    const modules = source.statements
      .filter(ts.isImportDeclaration)
      .filter((d) => !d.importClause?.isTypeOnly)
      .map((d) => (d.moduleSpecifier as ts.StringLiteral).text);
    expect(modules).toEqual(['electron', '../common/api/bridge']);
  });
});

describe('main-process IPC', () => {
  const source = parse('main/electron/ipc.ts');

  it('answers only allow-listed channels, each checking the sender frame first', () => {
    const registrations = methodCalls(source, 'ipcMain').filter((c) => c.method === 'handle' || c.method === 'on');
    expect(registrations.map((c) => c.args[0].getText()).sort()).toEqual(
      ['IPC_CHANNELS.call', 'IPC_CHANNELS.subscribe', 'IPC_CHANNELS.unsubscribe'].sort(),
    );
    for (const { args } of registrations) {
      const handler = args[1];
      expect(ts.isArrowFunction(handler)).toBe(true);
      const body = (handler as ts.ArrowFunction).body.getText();
      expect(body.trimStart(), args[0].getText()).toMatch(/^(\{\s*if \(!)?trusted\(event, IPC_CHANNELS\.\w+\)/);
    }
  });
});

describe('electron-main', () => {
  it('registers the app scheme and enables the sandbox at load, before ready', () => {
    const source = parse('main/electron/electron-main.ts');
    const topLevel = source.statements.filter(ts.isExpressionStatement).map((s) => s.expression.getText());
    expect(topLevel.slice(0, 2)).toEqual(['registerAppScheme()', 'app.enableSandbox()']);
  });
});

describe('origin checks', () => {
  it('recognise only app://console/ as ours', () => {
    expect(isAppUrl('app://console/')).toBe(true);
    expect(isAppUrl('app://console/assets/index.js')).toBe(true);
    for (const url of ['app://evil/', 'file:///app/dist/renderer/index.html', 'https://console/', 'about:blank', 'not a url', '']) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });

  it('open only plain https links externally', () => {
    expect(isSafeExternalUrl('https://www.openstreetmap.org/copyright')).toBe(true);
    for (const url of ['http://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'https://user:pw@example.com/', 'smb://host/share', 'app://console/']) {
      expect(isSafeExternalUrl(url), url).toBe(false);
    }
  });
});
