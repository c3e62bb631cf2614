import type { ManagedStation } from '@ankang/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Input, Text, View } from '@tarojs/components';
import { useDidShow, useReachBottom } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { StaffPauseDialog } from '../../../components/StaffPauseDialog';
import { StaffStationRow } from '../../../components/StaffStationRow';
import { StaffStationTable } from '../../../components/StaffStationTable';
import { StateView } from '../../../components/StateView';
import { useManagedStations } from '../../../hooks/useManagedStations';
import { useRoleGate } from '../../../hooks/useRoleGate';
import { useStationActions } from '../../../hooks/useStationActions';
import { useWideScreen } from '../../../platform/wideScreen';
import { openPage } from '../../../services/navigation';
import { editStationUrl } from '../../../services/staffRoutes';
import { STALE_DAYS, type StationFilter } from '../../../services/staffStations';
import './index.scss';
import { GateFallback } from '../../../components/GateFallback';
import { PagedList, pagingOf } from '../../../components/PagedList';
import { SplitView } from '../../../components/SplitView';

const filters: { key: StationFilter; label: string }[] = [
  { key: 'all', label: '全部' },
  { key: 'stale', label: `久未核实（${STALE_DAYS}天）` },
  { key: 'reported', label: '有待处理问题' },
];

const emptyText: Record<StationFilter, string> = {
  all: '您管理的范围内还没有驿站，可新建或批量导入。',
  stale: `所有驿站都在 ${STALE_DAYS} 天内核实过。`,
  reported: '没有待处理问题的驿站。',
};

/**
 * 我的驿站: the stations in the caller's org subtree, filtered, searched and paged. A phone shows
 * cards with their actions; a wide screen a table with the selected station's card beside it.
 */
export default function StaffStationsPage() {
  const { gate, account } = useRoleGate(['staff', 'admin']);
  const [filter, setFilter] = useState<StationFilter>('all');
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [pausing, setPausing] = useState<ManagedStation | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const wide = useWideScreen();
  const list = useManagedStations(filter, q, gate.kind === 'allowed');
  const actions = useStationActions(list.replace, list.reload);
  useReachBottom(list.loadMore);
  // Back from the edit page: show what was saved there.
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) list.reload();
    shown.current = true;
  });

  if (gate.kind !== 'allowed') {
    return (
      <GateFallback
        gate={gate}
        signedIn={account.signedIn}
        audience="工会干部和管理员"
        className="staff-stations"
      />
    );
  }

  const card = (station: ManagedStation) => (
    <StaffStationRow
      key={station.id}
      station={station}
      busy={actions.busyId === station.id}
      onEdit={() => void openPage(editStationUrl(station.id))}
      onVerify={() => actions.verify(station)}
      onPause={() => setPausing(station)}
      onResume={() => actions.setStatus(station, { state: 'open' }, '已恢复开放')}
    />
  );
  // The first row until staff pick another (or the picked one leaves the list).
  const selected = list.items.find((station) => station.id === selectedId) ?? list.items[0] ?? null;

  const body = (
    <PagedList
      {...pagingOf(list)}
      loadingTitle="正在加载驿站…"
      errorTitle="驿站加载失败"
      endText={`已显示全部 ${list.items.length} 个驿站`}
      empty={
        <StateView
          tone="empty"
          title={q ? `没有找到“${q}”` : '没有驿站'}
          description={q ? '换个关键词试试。' : emptyText[filter]}
          actions={
            filter === 'all' && !q
              ? [{ text: '新建驿站', onClick: () => void openPage(editStationUrl()) }]
              : []
          }
        />
      }
    >
      {wide ? (
        <StaffStationTable
          stations={list.items}
          selectedId={selected?.id ?? null}
          onSelect={(station) => setSelectedId(station.id)}
        />
      ) : (
        list.items.map(card)
      )}
    </PagedList>
  );

  const main = (
    <>
      <View className="staff-stations__filters">
        {filters.map((item) => (
          <View
            key={item.key}
            className={`staff-stations__filter${filter === item.key ? ' staff-stations__filter--on' : ''}`}
            onClick={() => setFilter(item.key)}
          >
            <Text>{item.label}</Text>
          </View>
        ))}
      </View>
      <View className="staff-stations__search">
        <Input
          className="staff-stations__search-input"
          value={typed}
          placeholder="搜索驿站名称"
          confirmType="search"
          onInput={(event) => setTyped(event.detail.value)}
          onConfirm={() => setQ(typed.trim())}
        />
        <Button type="primary" size="normal" onClick={() => setQ(typed.trim())}>
          搜索
        </Button>
      </View>
      {body}
    </>
  );

  return (
    <View className={`page staff-stations${wide ? ' page--wide' : ''}`}>
      {wide ? <SplitView main={main} side={selected ? card(selected) : null} /> : main}
      <StaffPauseDialog
        visible={pausing !== null}
        stationName={pausing?.name ?? ''}
        onCancel={() => setPausing(null)}
        onConfirm={({ reason, until }) => {
          if (pausing)
            actions.setStatus(pausing, { state: 'temporarilyClosed', reason, until }, '已暂停开放');
          setPausing(null);
        }}
      />
    </View>
  );
}
