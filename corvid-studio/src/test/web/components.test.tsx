import { EditorView } from '@codemirror/view';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CodeEditor } from '../../main/web/components/CodeEditor';
import { DatabasesPage } from '../../main/web/pages/DatabasesPage';

let host: HTMLElement;

function mount(node: preact.VNode) {
  host = document.createElement('div');
  document.body.appendChild(host);
  act(() => render(node, host));
}

afterEach(() => {
  act(() => render(null, host));
  host.remove();
  vi.unstubAllGlobals();
});

const flush = () => act(async () => {
  await new Promise((resolve) => setTimeout(resolve, 0));
});

describe('CodeEditor', () => {
  it('keeps fast typing: its own changes coming back as value never replace newer text', async () => {
    let latest = '';
    let changes = 0;
    function Holder() {
      const [text, setText] = useState('');
      latest = text;
      // a stale value pushed back into the editor makes the two replace each other without end
      const onChange = (next: string) => ++changes < 100 && setText(next);
      return <CodeEditor id="ed" label="Script" language="javascript" value={text} onChange={onChange} />;
    }
    mount(<Holder />);
    const view = EditorView.findFromDOM(host.querySelector('.cm-editor') as HTMLElement)!;
    // Each keystroke is followed by a render (a microtask later) but effects run only after the next
    // frame, so several renders with older values are pending when their effects finally run.
    for (const ch of 'loadToOrders()') {
      view.dispatch({ changes: { from: view.state.doc.length, insert: ch } });
      await Promise.resolve();
      await Promise.resolve();
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    await flush();
    expect(changes).toBe('loadToOrders()'.length);
    expect(view.state.doc.toString()).toBe('loadToOrders()');
    expect(latest).toBe('loadToOrders()');
    expect(host.querySelector('.cm-content')?.getAttribute('aria-label')).toBe('Script');
  });

  it('takes a new value from outside, such as a reloaded document', async () => {
    let set: (text: string) => void = () => {};
    function Holder() {
      const [text, setText] = useState('{}');
      set = setText;
      return <CodeEditor id="ed" label="Document JSON" language="json" value={text} onChange={setText} />;
    }
    mount(<Holder />);
    act(() => set('{"Name": "Ada"}'));
    await flush();
    const view = EditorView.findFromDOM(host.querySelector('.cm-editor') as HTMLElement)!;
    expect(view.state.doc.toString()).toBe('{"Name": "Ada"}');
  });
});

describe('DatabasesPage', () => {
  it('lists databases with document counts and sizes, and shows the server message when creating fails', async () => {
    const fetch = vi.fn(async (url: string, init?: RequestInit) => {
      if (url === '/databases') {
        return new Response(JSON.stringify({ Databases: [{ Name: 'shop', DocumentsCount: 6260, TotalSize: { SizeInBytes: 1, HumaneSize: '12.5 MBytes' } }] }));
      }
      expect(init?.method).toBe('PUT');
      return new Response(JSON.stringify({ Message: "Database 'shop' already exists." }), { status: 409 });
    });
    vi.stubGlobal('fetch', fetch);
    mount(<DatabasesPage />);
    await flush();
    const row = host.querySelector('tr[data-database="shop"]')!;
    expect(row.textContent).toContain('6,260');
    expect(row.textContent).toContain('12.5 MBytes');

    const input = host.querySelector<HTMLInputElement>('#new-database-name')!;
    act(() => {
      input.value = 'shop';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    act(() => {
      host.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    await flush();
    expect(host.querySelector('[role="alert"]')?.textContent).toBe("Database 'shop' already exists.");
  });

  it('asks for a name before creating', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ Databases: [] }))));
    mount(<DatabasesPage />);
    await flush();
    act(() => {
      host.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    expect(host.querySelector('.field-error')?.textContent).toContain('Give the database a name');
    expect(host.querySelector('#new-database-name')?.getAttribute('aria-invalid')).toBe('true');
  });
});
