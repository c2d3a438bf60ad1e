import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { SplitPane } from '../../components/SplitPane';
import {
  DEFAULT_ENDPOINT_LIST_WIDTH,
  endpointsStore,
  loadEndpoints,
  newEndpoint,
  setEndpointListWidth,
} from '../../store/endpoints';
import '../../styles/endpoints.css';
import type { EditorTab } from './draft';
import { EndpointEditor } from './EndpointEditor';
import { EndpointList } from './EndpointList';
import { EndpointToolbar } from './EndpointToolbar';
import { EpIcon } from './EpIcon';
import { PresetCards } from './PresetPicker';

/** Mock partner endpoints: the list in match order on the left, the selected one's editor on the right. */
export function Endpoints() {
  const width = useStore(endpointsStore, (s) => s.listWidth);
  const { selected, phase, count } = useStore(
    endpointsStore,
    useShallow((s) => ({ selected: s.selected, phase: s.phase, count: s.items.length })),
  );
  const [tab, setTab] = useState<EditorTab>('rules');

  useEffect(() => {
    void loadEndpoints();
  }, []);

  let right;
  if (selected !== null) {
    right = <EndpointEditor key={String(selected)} editorKey={selected} tab={tab} onTab={setTab} />;
  } else if (phase === 'ready' && count === 0) {
    right = <FirstRun />;
  } else {
    right = (
      <div className="ep-editor-empty muted pad">
        {phase === 'ready' ? 'Select an endpoint to edit it.' : null}
      </div>
    );
  }

  return (
    <div className="endpoints-view" data-testid="endpoints-view">
      <SplitPane
        width={width}
        defaultWidth={DEFAULT_ENDPOINT_LIST_WIDTH}
        onWidth={setEndpointListWidth}
        left={
          <div className="ep-sidebar">
            <EndpointToolbar />
            <EndpointList />
          </div>
        }
        right={right}
      />
    </div>
  );
}

/** No endpoints yet: say what happens meanwhile and offer the partners to stand in for. */
function FirstRun() {
  return (
    <div className="ep-first-run" data-testid="endpoints-first-run">
      <h2>Answer like a partner</h2>
      <p className="muted">
        Without endpoints every request gets <code>200 OK</code> and is captured. Add an endpoint to answer exactly as a
        partner would — or to fail on purpose and prove the sender’s retries and dedup.
      </p>
      <div className="first-run-actions">
        <button type="button" className="btn" onClick={newEndpoint}>
          <EpIcon name="plus" />
          Blank endpoint
        </button>
      </div>
      <h3 className="section-title">Partner presets</h3>
      <PresetCards />
    </div>
  );
}
