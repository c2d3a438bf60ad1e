import { useStore } from 'zustand';
import { SplitPane } from '../../components/SplitPane';
import { DEFAULT_LIST_WIDTH, settingsStore } from '../../store/settings';
import { ExchangeDetailPane } from '../exchange-detail/ExchangeDetail';
import { HarDropZone } from '../interop/HarDropZone';
import { InboxHarActions } from '../interop/InboxHarActions';
import { ColumnChooser } from './ColumnChooser';
import { ExchangeList } from './ExchangeList';
import { FilterBar } from './FilterBar';
import { PausedBanner } from './PausedBanner';

export function Inbox() {
  const width = useStore(settingsStore, (s) => s.listWidth);
  const setWidth = useStore(settingsStore, (s) => s.setListWidth);
  return (
    <SplitPane
      width={width}
      defaultWidth={DEFAULT_LIST_WIDTH}
      onWidth={setWidth}
      left={
        <div className="inbox-list">
          <FilterBar />
          <HarDropZone>
            <div className="list-toolbar">
              <span className="spacer" />
              <ColumnChooser />
              <InboxHarActions />
            </div>
            <PausedBanner />
            <ExchangeList />
          </HarDropZone>
        </div>
      }
      right={<ExchangeDetailPane />}
    />
  );
}
