import { useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { ExchangeDetail as Detail } from '../../../src/model/exchange';
import { api } from '../../api/client';
import { BodyViewer } from '../../components/BodyViewer';
import { HeaderList } from '../../components/HeaderList';
import { InlineError } from '../../components/InlineError';
import { SkeletonBlock, useDelayed } from '../../components/Skeleton';
import { Tabs, type TabDef } from '../../components/Tabs';
import { base64ToBytes } from '../../lib/bytes';
import { selectionStore } from '../../store/selection';
import { ChecksTab, ChecksTabLabel } from './ChecksTab';
import { DetailHeader } from './DetailHeader';
import { OverviewTab } from './OverviewTab';
import { RawTab } from './RawTab';
import { ResponseTab } from './ResponseTab';
import { SignatureTab, SignatureTabLabel } from './SignatureTab';
import { TimingTab } from './TimingTab';
import { useExchangeDetail } from './use-exchange-detail';

type TabKey = 'overview' | 'checks' | 'headers' | 'body' | 'signature' | 'response' | 'timing' | 'raw';
/** Tabs whose content manages its own scrolling (virtualized viewers fill the pane). */
const FILL_TABS: ReadonlySet<TabKey> = new Set(['body', 'raw']);

export function ExchangeDetailPane() {
  const id = useStore(selectionStore, (s) => s.selectedId);
  const openRequest = useStore(selectionStore, (s) => s.openRequest);
  const { detail, loading, error, retry } = useExchangeDetail(id);
  // While the next one loads, the previous stays (dimmed) instead of flashing an empty pane.
  const lastShown = useRef<Detail | null>(null);
  if (detail) lastShown.current = detail;
  const shown = detail ?? (loading ? lastShown.current : null);
  const stale = useDelayed(loading && shown !== null && shown.id !== id);
  const slow = useDelayed(loading && shown === null);
  const [tab, setTab] = useState<TabKey>('overview');
  const rootRef = useRef<HTMLDivElement>(null);
  const focusedFor = useRef(0);

  // Enter moves focus into the detail once it shows the requested exchange; moving on with j/k does not.
  useEffect(() => {
    if (openRequest === focusedFor.current || !detail || detail.id !== id) return;
    focusedFor.current = openRequest;
    rootRef.current?.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]')?.focus();
  }, [openRequest, detail, id]);

  if (id === null) {
    return (
      <div className="detail-placeholder muted" ref={rootRef}>
        <p>Select a postback to inspect it.</p>
        <p className="hint">
          <kbd>↑</kbd>/<kbd>↓</kbd> or <kbd>j</kbd>/<kbd>k</kbd> to move, <kbd>Enter</kbd> to open, <kbd>?</kbd> for all shortcuts
        </p>
      </div>
    );
  }
  if (error) {
    return (
      <div className="detail-placeholder" ref={rootRef}>
        <InlineError
          title="Could not load this postback"
          action={
            <button type="button" className="btn" onClick={retry}>
              Retry
            </button>
          }
        >
          {error}
        </InlineError>
      </div>
    );
  }
  if (!shown) return <div className="detail-placeholder" ref={rootRef}>{slow ? <SkeletonBlock lines={12} /> : null}</div>;

  return (
    <section
      className={`exchange-detail ${stale ? 'is-stale' : ''}`}
      ref={rootRef}
      data-testid="exchange-detail"
      data-exchange-id={shown.id}
      aria-busy={loading}
      aria-label={`${shown.method} ${shown.path}`}
    >
      <DetailBody key={shown.id} detail={shown} tab={tab} setTab={setTab} />
    </section>
  );
}

function DetailBody({ detail, tab, setTab }: { detail: Detail; tab: TabKey; setTab: (t: TabKey) => void }) {
  const body = useMemo(() => base64ToBytes(detail.body), [detail.body]);
  const tabs: Array<TabDef<TabKey>> = [
    { key: 'overview', label: 'Overview' },
    { key: 'checks', label: <ChecksTabLabel id={detail.id} /> },
    { key: 'headers', label: <>Headers <span className="count num">{detail.rawHeaders.length}</span></> },
    { key: 'body', label: <>Body <span className="count">{detail.bodyView.kind}</span></> },
    { key: 'signature', label: <SignatureTabLabel id={detail.id} /> },
    { key: 'response', label: <>Response <span className="count num">{detail.response?.status ?? '–'}</span></> },
    { key: 'timing', label: 'Timing' },
    { key: 'raw', label: 'Raw' },
  ];
  return (
    <>
      <DetailHeader detail={detail} body={body} />
      <Tabs tabs={tabs} active={tab} onChange={setTab} idPrefix="detail" />
      <div
        id="detail-panel"
        role="tabpanel"
        aria-labelledby={`detail-tab-${tab}`}
        className={`tab-panel ${FILL_TABS.has(tab) ? 'fill' : ''}`}
      >
        {tab === 'overview' ? (
          <OverviewTab detail={detail} />
        ) : tab === 'headers' ? (
          <div className="pad">
            <HeaderList headers={detail.rawHeaders} testId="request-headers" />
          </div>
        ) : tab === 'body' ? (
          <BodyViewer exchangeId={detail.id} view={detail.bodyView} raw={body} contentType={detail.contentType} loadFull={api.decodedBody} />
        ) : tab === 'checks' ? (
          <ChecksTab exchangeId={detail.id} onSignature={() => setTab('signature')} />
        ) : tab === 'signature' ? (
          <SignatureTab exchangeId={detail.id} />
        ) : tab === 'response' ? (
          <ResponseTab response={detail.response} answeredBy={detail.answeredBy} />
        ) : tab === 'timing' ? (
          <TimingTab detail={detail} />
        ) : (
          <RawTab id={detail.id} />
        )}
      </div>
    </>
  );
}
