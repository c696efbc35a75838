import { javascript } from '@codemirror/lang-javascript';
import { json } from '@codemirror/lang-json';
import { Compartment, EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';

/**
 * A CodeMirror 6 editor with syntax highlighting for JavaScript (ETL scripts) or JSON (documents).
 * Tab is left to the browser, so keyboard users can move on; the content is labelled for screen readers.
 */
export function CodeEditor({ id, label, value, onChange, language, minLines = 8, invalid = false, describedBy }: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  language: 'javascript' | 'json';
  minLines?: number;
  invalid?: boolean;
  describedBy?: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView>();
  const changed = useRef(onChange);
  changed.current = onChange;
  /** The text this editor last reported; a `value` equal to it is our own change coming back. */
  const reported = useRef(value);
  const attributes = useRef(new Compartment());
  const contentAttributes = () => {
    const result: Record<string, string> = { 'aria-label': label, id, 'aria-multiline': 'true' };
    if (describedBy) result['aria-describedby'] = describedBy;
    return EditorView.contentAttributes.of(result);
  };

  useEffect(() => {
    const editor = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          basicSetup,
          language === 'json' ? json() : javascript(),
          EditorView.lineWrapping,
          attributes.current.of(contentAttributes()),
          EditorView.theme({ '.cm-content, .cm-gutter': { minHeight: `${minLines * 1.4}em` } }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) {
              reported.current = update.state.doc.toString();
              changed.current(reported.current);
            }
          }),
        ],
      }),
    });
    view.current = editor;
    return () => editor.destroy();
    // The editor is created once; later value changes are pushed in below.
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    view.current?.dispatch({ effects: attributes.current.reconfigure(contentAttributes()) });
  }, [label, id, describedBy]); // eslint-disable-line react-hooks/exhaustive-deps

  // Only a value from outside (a reload, a template) replaces the text. This runs right after the
  // render, before the next keystroke: a late effect with an older value would undo typing.
  useLayoutEffect(() => {
    const editor = view.current;
    if (editor && value !== reported.current && editor.state.doc.toString() !== value) {
      reported.current = value;
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
    }
  }, [value]);

  return <div ref={host} class={`code-editor ${invalid ? 'code-editor-invalid' : ''}`} data-language={language} />;
}
