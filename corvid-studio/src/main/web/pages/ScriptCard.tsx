import { useState } from 'preact/hooks';
import { CodeEditor } from '../components/CodeEditor';
import { describedBy, Field } from '../components/Field';
import { addCollection, type FormErrors, type ScriptForm, scriptTemplate, type TaskForm } from '../logic/etl';
import { ScriptTestPanel } from './ScriptTestPanel';

/** One transform script: name, collections (Add Collection), the JavaScript, options, and its test panel. */
export function ScriptCard({ db, index, form, script, collections, errors, onChange, onRemove }: {
  db: string;
  index: number;
  form: TaskForm;
  script: ScriptForm;
  collections: string[];
  errors: FormErrors;
  onChange: (script: ScriptForm) => void;
  onRemove: () => void;
}) {
  const [picked, setPicked] = useState('');
  const [testing, setTesting] = useState(false);
  const id = (field: string) => `script-${index}-${field}`;
  const error = (field: string) => errors[`script.${index}.${field}`];
  const set = (changes: Partial<ScriptForm>) => onChange({ ...script, ...changes });

  const add = () => {
    const collections = addCollection(script.collections, picked);
    const template = !script.script.trim() && script.collections.length === 0 ? scriptTemplate(form.etlType, picked.trim()) : script.script;
    onChange({ ...script, collections, script: template });
    setPicked('');
  };

  return (
    <article class="card script-card" aria-labelledby={id('heading')} data-script-index={index}>
      <div class="section-title">
        <h3 id={id('heading')}>{script.name.trim() || `Script ${index + 1}`}</h3>
        <button type="button" class="link-button danger-text" onClick={onRemove} aria-label={`Remove script ${script.name || index + 1}`}>
          Remove script
        </button>
      </div>
      <Field id={id('name')} label="Script name" error={error('name')}>
        <input
          {...describedBy(id('name'), error('name'))}
          value={script.name}
          onInput={(e) => set({ name: e.currentTarget.value })}
          autocomplete="off"
          spellcheck={false}
        />
      </Field>

      <fieldset class="collections-picker">
        <legend>Collections</legend>
        {form.etlType === 'Raven' && (
          <label class="checkbox">
            <input type="checkbox" checked={script.applyToAllDocuments} onChange={(e) => set({ applyToAllDocuments: e.currentTarget.checked })} /> Apply
            script to all documents
          </label>
        )}
        {!script.applyToAllDocuments && (
          <>
            <div class="add-collection">
              <Field id={id('collection')} label="Collection" error={error('collections')}>
                <input
                  {...describedBy(id('collection'), error('collections'))}
                  list={id('collections-list')}
                  value={picked}
                  onInput={(e) => setPicked(e.currentTarget.value)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') {
                      e.preventDefault();
                      add();
                    }
                  }}
                  autocomplete="off"
                  spellcheck={false}
                  placeholder="e.g. Employees"
                />
                <datalist id={id('collections-list')}>
                  {collections.map((c) => (
                    <option key={c} value={c} />
                  ))}
                </datalist>
              </Field>
              <button type="button" onClick={add} disabled={!picked.trim()}>
                Add Collection
              </button>
            </div>
            <ul class="chips" aria-label="Collections of this script">
              {script.collections.map((c) => (
                <li key={c} class="chip">
                  {c}
                  <button
                    type="button"
                    class="chip-remove"
                    aria-label={`Remove collection ${c}`}
                    onClick={() => set({ collections: script.collections.filter((x) => x !== c) })}
                  >
                    ×
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </fieldset>

      <div class={`field ${error('script') ? 'field-invalid' : ''}`}>
        <label for={id('script')}>Script</label>
        <CodeEditor
          id={id('script')}
          label={`Script ${script.name || index + 1} (JavaScript)`}
          language="javascript"
          value={script.script}
          onChange={(text) => set({ script: text })}
          minLines={8}
          invalid={!!error('script')}
        />
        {error('script') ? (
          <p class="field-error">{error('script')}</p>
        ) : (
          <p class="hint">
            {form.etlType === 'Raven'
              ? 'Empty: copy documents as they are. loadTo<Collection>(object) sends a new shape; output(...) writes to the test panel.'
              : 'loadTo<TableName>({ Column: value }) writes one row; output(...) writes to the test panel.'}
          </p>
        )}
      </div>

      <div class="script-options">
        <label class="checkbox">
          <input type="checkbox" checked={script.disabled} onChange={(e) => set({ disabled: e.currentTarget.checked })} /> Script disabled
        </label>
        {script.savedName !== undefined && (
          <label class="checkbox">
            <input type="checkbox" checked={script.resetOnSave} onChange={(e) => set({ resetOnSave: e.currentTarget.checked })} /> Apply script
            to documents from beginning of time
          </label>
        )}
      </div>
      <div class="actions">
        <button type="button" aria-expanded={testing} aria-controls={id('test')} onClick={() => setTesting(!testing)}>
          {testing ? 'Hide test' : 'Test Script'}
        </button>
      </div>
      {testing && <ScriptTestPanel id={id('test')} db={db} form={form} script={script} />}
    </article>
  );
}
