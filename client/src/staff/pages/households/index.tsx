import {
  type HardshipCategory,
  type HardshipStatus,
  type HouseholdSummary,
  hardshipCategoryLabels,
  hardshipStatusLabels,
} from '@ankang/shared';
import { Button } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import { useDidShow, useReachBottom } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { ChoiceChips, choicesOf } from '../../../components/ChoiceChips';
import { GateFallback } from '../../../components/GateFallback';
import { HouseholdCard } from '../../../components/HouseholdCard';
import { HouseholdTable } from '../../../components/HouseholdTable';
import { PagedList, pagingOf } from '../../../components/PagedList';
import { SplitView } from '../../../components/SplitView';
import { StaffTabs } from '../../../components/StaffTabs';
import { StateView } from '../../../components/StateView';
import { useHouseholds } from '../../../hooks/useHouseholds';
import { useRoleGate } from '../../../hooks/useRoleGate';
import { useWideScreen } from '../../../platform/wideScreen';
import { hardshipRoutes, householdEditUrl, householdUrl } from '../../../services/hardshipRoutes';
import { openPage } from '../../../services/navigation';
import './index.scss';

type StatusTab = HardshipStatus | 'all';
type Flag = 'mine' | 'overdue';

const statusTabs: { key: StatusTab; label: string }[] = [
  ...choicesOf(hardshipStatusLabels).map(({ value, label }) => ({ key: value as StatusTab, label })),
  { key: 'all', label: '全部' },
];
const categoryChoices = choicesOf(hardshipCategoryLabels);
const flagChoices: { value: Flag; label: string }[] = [
  { value: 'mine', label: '我负责的' },
  { value: 'overdue', label: '走访逾期' },
];

/**
 * 困难职工档案: the files of the caller's union and below, newest first, by status, category, 我负责的
 * and 走访逾期. Rows show the district, never a street address, and the ID number masked. A wide
 * screen shows a table with the selected file's card beside it.
 */
export default function HouseholdsPage() {
  const { gate, account } = useRoleGate(['staff', 'admin']);
  const allowed = gate.kind === 'allowed';
  const [status, setStatus] = useState<StatusTab>('active');
  const [category, setCategory] = useState<HardshipCategory | undefined>(undefined);
  const [flags, setFlags] = useState<Flag[]>([]);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const wide = useWideScreen();
  const list = useHouseholds(
    {
      status: status === 'all' ? undefined : status,
      category,
      mine: flags.includes('mine'),
      overdue: flags.includes('overdue'),
    },
    allowed,
  );
  useReachBottom(list.loadMore);
  // A file filed or visited on another page shows its new state on the way back.
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) list.reload();
    shown.current = true;
  });

  if (!allowed) {
    return (
      <GateFallback
        gate={gate}
        signedIn={account.signedIn}
        audience="工会干部和管理员"
        className="households"
      />
    );
  }

  const open = (file: HouseholdSummary) => void openPage(householdUrl(file.id));
  const selected = list.items.find((f) => f.id === selectedId) ?? list.items[0] ?? null;
  const narrowed = category !== undefined || flags.length > 0;
  const emptyTitle = narrowed
    ? '没有符合条件的档案'
    : status === 'all'
      ? '还没有困难职工档案'
      : `没有“${hardshipStatusLabels[status]}”的档案`;
  const howToAdd = '点“新建档案”逐户填写，或用“导入”从表格导入。';
  const main = (
    <>
      <View className="households__actions">
        <Button
          className="households__create"
          type="primary"
          size="large"
          onClick={() => void openPage(householdEditUrl())}
        >
          新建档案
        </Button>
        <Button
          className="households__import"
          type="primary"
          fill="outline"
          size="large"
          onClick={() => void openPage(hardshipRoutes.import)}
        >
          导入
        </Button>
      </View>
      <StaffTabs block="households" tabs={statusTabs} selected={status} onPick={setStatus} />
      <View className="households__filters households__filters--category">
        <ChoiceChips
          choices={categoryChoices}
          selected={category ? [category] : []}
          onToggle={(value) => setCategory((current) => (current === value ? undefined : value))}
        />
      </View>
      <View className="households__filters households__filters--flags">
        <ChoiceChips
          choices={flagChoices}
          selected={flags}
          onToggle={(value) =>
            setFlags((current) =>
              current.includes(value) ? current.filter((f) => f !== value) : [...current, value],
            )
          }
        />
      </View>
      <PagedList
        {...pagingOf(list)}
        loadingTitle="正在加载档案…"
        errorTitle="档案加载失败"
        endText={`已显示全部 ${list.items.length} 户`}
        empty={
          <StateView
            tone="empty"
            title={emptyTitle}
            description={narrowed ? '可以换个筛选条件再看。' : howToAdd}
          />
        }
      >
        {wide ? (
          <HouseholdTable
            files={list.items}
            selectedId={selected?.id ?? null}
            onSelect={(f) => setSelectedId(f.id)}
          />
        ) : (
          list.items.map((file) => <HouseholdCard key={file.id} file={file} onOpen={() => open(file)} />)
        )}
      </PagedList>
    </>
  );

  return (
    <View className={`page households${wide ? ' page--wide' : ''}`}>
      {wide ? (
        <SplitView
          main={main}
          side={selected ? <HouseholdCard file={selected} onOpen={() => open(selected)} withButton /> : null}
        />
      ) : (
        main
      )}
    </View>
  );
}
