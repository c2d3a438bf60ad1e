import { useMemo } from 'react';
import { useStore } from 'zustand';
import { Tabs, type TabDef } from '../../components/Tabs';
import { composerStore, currentSpec, currentVars, setEditorTab, type EditorTab } from '../../store/composer';
import { FieldErrorsContext } from '../endpoints/fields';
import { BulkTab } from './BulkTab';
import { DeliveryTab } from './DeliveryTab';
import { RequestTab } from './RequestTab';
import { macrosOf, normalizeName, retryChoice, RETRY_CHOICES } from './template';
import { ValuesTab } from './ValuesTab';
import { tabOfField } from './ComposerToolbar';

const LABEL: Record<EditorTab, string> = { request: 'Request', values: 'Values', delivery: 'Delivery', bulk: 'Bulk' };

export function EditorPane() {
  const tab = useStore(composerStore, (s) => s.editorTab);
  const spec = useStore(composerStore, currentSpec);
  const vars = useStore(composerStore, currentVars);
  const saveError = useStore(composerStore, (s) => s.saveError);
  const problems = useStore(composerStore, (s) => s.preview?.problems ?? null);
  const macros = useMemo(() => macrosOf(spec), [spec]);
  const errorMap = useMemo(() => new Map(saveError?.field ? [[saveError.field, saveError.message]] : []), [saveError]);

  const unset = macros.filter((m) => !Object.keys(vars).some((n) => normalizeName(n) === m.key)).length;
  const valueProblems = (problems ?? []).filter((p) => p.code === 'unknown-macro' || p.code === 'empty-value').length;
  const errTab = saveError?.field ? tabOfField(saveError.field) : null;
  const retry = RETRY_CHOICES.find((c) => c.value === retryChoice(spec.retry))?.label ?? '';

  const tabs: TabDef<EditorTab>[] = (['request', 'values', 'delivery', 'bulk'] as const).map((key) => ({
    key,
    label: (
      <>
        {LABEL[key]}
        {key === 'values' ? (
          <span className="count num" title={`${macros.length} macros, ${unset} without a value you set`}>
            {macros.length}
          </span>
        ) : null}
        {key === 'values' && valueProblems ? (
          <span className="tab-errors num" aria-label={`${valueProblems} problems`}>
            ✕ {valueProblems}
          </span>
        ) : null}
        {key === 'delivery' && retry !== 'None' ? <span className="count">{retry}</span> : null}
        {errTab === key ? (
          <span className="tab-errors" aria-label="a save problem">
            ✕
          </span>
        ) : null}
      </>
    ),
  }));

  return (
    <FieldErrorsContext.Provider value={errorMap}>
      <section className="composer-editor" aria-label="Template editor">
        <Tabs tabs={tabs} active={tab} onChange={setEditorTab} idPrefix="composer-editor" />
        <div className="tab-panel composer-panel" id="composer-editor-panel" role="tabpanel" aria-labelledby={`composer-editor-tab-${tab}`}>
          {tab === 'request' ? <RequestTab spec={spec} /> : tab === 'values' ? <ValuesTab spec={spec} macros={macros} /> : tab === 'delivery' ? <DeliveryTab spec={spec} /> : <BulkTab spec={spec} macros={macros} />}
        </div>
      </section>
    </FieldErrorsContext.Provider>
  );
}
