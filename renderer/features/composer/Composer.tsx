import { useEffect } from 'react';
import { useStore } from 'zustand';
import { FileDropZone } from '../../components/FileDropZone';
import { SplitPane } from '../../components/SplitPane';
import {
  composerStore,
  currentLastSend,
  DEFAULT_EDITOR_WIDTH,
  loadProfilesForComposer,
  loadTemplates,
  newTemplate,
  saveTemplate,
  setEditorWidth,
} from '../../store/composer';
import { refreshBulk } from '../../store/composer-bulk';
import { environmentKey, previewKey, refreshPreview, send } from '../../store/composer-send';
import { loadOutboxItem, useSenderEvents } from '../../store/outbox';
import { importPostmanFiles } from '../../store/postman-import';
import '../../styles/endpoints.css';
import '../../styles/composer.css';
import '../../styles/outbox.css';
import { environmentsStore, loadEnvironments } from '../../store/environments';
import { ComposerToolbar } from './ComposerToolbar';
import { EnvironmentsDialog } from './EnvironmentsDialog';
import { EditorPane } from './EditorPane';
import { OutputPane } from './OutputPane';

/** Wait this long after the last keystroke before asking for a new preview. */
const PREVIEW_DEBOUNCE_MS = 250;

/**
 * Craft a postback: a template (method, URL with macros, headers, body, delivery) on the left,
 * the fully expanded request and the result of sending it on the right.
 */
export function Composer() {
  const width = useStore(composerStore, (s) => s.editorWidth);
  const key = useStore(composerStore, previewKey);
  // previewKey reads the environment too, but only composer changes re-run it: follow the environment's own key.
  const environment = useStore(environmentsStore, () => environmentKey());
  const editingEnvironments = useStore(environmentsStore, (s) => s.editing !== null);
  const phase = useStore(composerStore, (s) => s.phase);

  const lastOutboxId = useStore(composerStore, (s) => currentLastSend(s)?.outboxId ?? null);

  useSenderEvents(() => {
    const last = currentLastSend(composerStore.getState());
    if (last) void loadOutboxItem(last.outboxId);
    void refreshBulk();
  });

  // The open template's last send: fresh from the server (it may have moved on meanwhile).
  useEffect(() => {
    if (lastOutboxId !== null) void loadOutboxItem(lastOutboxId);
  }, [lastOutboxId]);

  useEffect(() => {
    void loadTemplates().then(() => {
      const s = composerStore.getState();
      if (s.selected === 'new' && !s.drafts['new']) {
        if (s.templates[0]) composerStore.setState({ selected: s.templates[0].id });
        else newTemplate();
      }
    });
    void loadProfilesForComposer();
    void loadEnvironments();
  }, []);

  // The preview follows every edit, a moment after typing stops.
  useEffect(() => {
    if (phase === 'idle' || phase === 'loading') return;
    // The first preview at once; later ones once typing pauses.
    const t = setTimeout(() => void refreshPreview(), composerStore.getState().preview ? PREVIEW_DEBOUNCE_MS : 0);
    return () => clearTimeout(t);
  }, [key, environment, phase]);

  // Ctrl/Cmd+S saves the template, Ctrl/Cmd+Enter sends, wherever focus is in the view.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      if (e.key.toLowerCase() === 's') {
        e.preventDefault();
        void saveTemplate();
      } else if (e.key === 'Enter') {
        e.preventDefault();
        void send(false);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <FileDropZone className="composer-view" testId="composer-view" hint="Drop a Postman collection to import its requests as templates" onFiles={importPostmanFiles}>
      <ComposerToolbar />
      <div className="composer-body">
        <SplitPane width={width} defaultWidth={DEFAULT_EDITOR_WIDTH} onWidth={setEditorWidth} left={<EditorPane />} right={<OutputPane />} />
      </div>
      {editingEnvironments ? <EnvironmentsDialog /> : null}
    </FileDropZone>
  );
}
