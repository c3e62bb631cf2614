import type { Visit } from '@ankang/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useDidShow, useRouter } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { GateFallback } from '../../../components/GateFallback';
import { HouseholdAuditList } from '../../../components/HouseholdAuditList';
import { HouseholdDetail } from '../../../components/HouseholdDetail';
import { HouseholdRevealDialog } from '../../../components/HouseholdRevealDialog';
import { PagedList, pagingOf } from '../../../components/PagedList';
import { SplitView } from '../../../components/SplitView';
import { StateView } from '../../../components/StateView';
import { VisitCard } from '../../../components/VisitCard';
import { useHousehold, useHouseholdAudit } from '../../../hooks/useHousehold';
import { useRoleGate } from '../../../hooks/useRoleGate';
import { useWideScreen } from '../../../platform/wideScreen';
import { householdEditUrl, visitFormUrl } from '../../../services/hardshipRoutes';
import { openPage } from '../../../services/navigation';
import './index.scss';

/** The date of the visit each correction names, among the visits loaded (corrections come later). */
function correctedDates(visits: Visit[]): Map<string, string> {
  return new Map(visits.map((v) => [v.id, v.visitedOn]));
}

/**
 * 档案详情 (?id=): the file masked, 查看完整信息 with a reason (shown on this page only, recorded),
 * the visit timeline newest first with 录入走访 and 更正 on each visit, and 访问记录 for supervisors
 * (the section is left out when the server refuses it: staff of the file's own union).
 */
export default function HouseholdPage() {
  const id = useRouter().params.id || undefined;
  const { gate, account } = useRoleGate(['staff', 'admin']);
  const allowed = gate.kind === 'allowed';
  const wide = useWideScreen();
  const { file, visits, revealed, revealing, reveal } = useHousehold(id, allowed);
  const audit = useHouseholdAudit(id, allowed && !!file.data);
  const [asking, setAsking] = useState(false);
  // Back from 录入走访 or 编辑: the file and its visits changed.
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) {
      file.retry();
      visits.reload();
      audit.reload();
    }
    shown.current = true;
  });

  if (!allowed) {
    return (
      <GateFallback
        gate={gate}
        signedIn={account.signedIn}
        audience="工会干部和管理员"
        className="household"
      />
    );
  }
  if (!id) return <StateView tone="error" title="缺少档案编号" description="请从档案列表打开。" />;
  if (!file.data) {
    if (file.error) {
      return (
        <StateView
          tone="error"
          title="档案加载失败"
          description={file.error.message}
          actions={[{ text: '重试', onClick: file.retry }]}
        />
      );
    }
    return <StateView tone="loading" title="正在加载档案…" />;
  }

  const household = file.data;
  const dates = correctedDates(visits.items);
  const confirmReveal = async (reason: string) => {
    if (await reveal(reason)) setAsking(false);
  };

  const timeline = (
    <View className="household__visits">
      <View className="household__visits-head">
        <Text className="household__section">走访记录</Text>
        <Button
          className="household__record"
          type="primary"
          size="large"
          onClick={() => void openPage(visitFormUrl(household.id))}
        >
          录入走访
        </Button>
      </View>
      <PagedList
        {...pagingOf(visits)}
        loadingTitle="正在加载走访记录…"
        errorTitle="走访记录加载失败"
        endText={`共 ${visits.items.length} 次走访`}
        empty={
          <StateView tone="empty" title="还没有走访记录" description="上门或电话走访后，点“录入走访”。" />
        }
      >
        {visits.items.map((visit) => (
          <VisitCard
            key={visit.id}
            visit={visit}
            correctsDate={visit.corrects ? dates.get(visit.corrects) : undefined}
            onCorrect={() => void openPage(visitFormUrl(household.id, visit.id))}
          />
        ))}
      </PagedList>
    </View>
  );

  const details = (
    <>
      <HouseholdDetail
        file={household}
        revealed={revealed}
        revealing={revealing}
        onReveal={() => setAsking(true)}
      />
      <View className="household__edit">
        <Button
          className="household__edit-button"
          type="primary"
          fill="outline"
          size="large"
          block
          onClick={() => void openPage(householdEditUrl(household.id))}
        >
          编辑档案
        </Button>
      </View>
      {audit.refused ? null : (
        <View className="household__audit">
          <Text className="household__section">访问记录</Text>
          <PagedList
            {...pagingOf(audit)}
            loadingTitle="正在加载访问记录…"
            errorTitle="访问记录加载失败"
            empty={<StateView tone="empty" title="暂无访问记录" />}
          >
            <HouseholdAuditList events={audit.items} />
          </PagedList>
        </View>
      )}
    </>
  );

  return (
    <View className={`page household${wide ? ' page--wide' : ''}`}>
      {wide ? (
        <SplitView main={details} side={timeline} />
      ) : (
        <>
          {details}
          {timeline}
        </>
      )}
      <HouseholdRevealDialog
        visible={asking}
        busy={revealing}
        onConfirm={(reason) => void confirmReveal(reason)}
        onCancel={() => setAsking(false)}
      />
    </View>
  );
}
