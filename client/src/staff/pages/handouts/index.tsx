import { handoutReviewStatusLabels } from '@ankang/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { GateFallback } from '../../../components/GateFallback';
import { PagedList, pagingOf } from '../../../components/PagedList';
import { StaffCampaignDialog } from '../../../components/StaffCampaignDialog';
import { useHandoutReview } from '../../../hooks/useHandoutReview';
import { useRoleGate } from '../../../hooks/useRoleGate';
import { formatClock } from '../../../services/format';
import type { StaffHandout } from '../../../services/staffHandouts';
import './index.scss';

/**
 * 超额发放审核 (staff): hand-outs scanned offline that arrived beyond the worker's daily allowance.
 * 确认 keeps one (it was really handed out); 撤销 (with a reason) takes it out of the totals.
 */
export default function HandoutReviewPage() {
  const { params } = useRouter();
  const campaignId = params.campaign ? decodeURIComponent(params.campaign) : undefined;
  const { gate, account } = useRoleGate(['staff', 'admin']);
  const allowed = gate.kind === 'allowed';
  const list = useHandoutReview(campaignId, allowed);
  const [undoing, setUndoing] = useState<StaffHandout | null>(null);

  if (!allowed) {
    return (
      <GateFallback
        gate={gate}
        signedIn={account.signedIn}
        audience="工会工作人员"
        className="handout-review"
      />
    );
  }
  return (
    <View className="page handout-review">
      <Text className="handout-review__intro">
        以下发放是志愿者在无网络时扫码、联网后才上传的，当时已超过该职工当天的额度，请核实后确认或撤销。
      </Text>
      <PagedList {...pagingOf(list)} loadingTitle="正在加载…" errorTitle="加载失败" empty="没有超额发放记录">
        {list.items.map((h) => (
          <View key={h.id} className="handout-review__card">
            <Text className="handout-review__title">{`职工 ${h.workerTag} · ${h.itemName} 1 ${h.unit}`}</Text>
            <Text className="handout-review__line">{`${h.date} ${formatClock(h.handedAt)} · ${h.placeName}`}</Text>
            <Text className="handout-review__line">{`记录人：${h.recorderName} · 当日第 ${h.countThatDay} 份`}</Text>
            <Text className={`handout-review__status handout-review__status--${h.review.status}`}>
              {handoutReviewStatusLabels[h.review.status]}
              {h.review.comment ? `：${h.review.comment}` : ''}
            </Text>
            {h.review.status === 'pending' ? (
              <View className="handout-review__actions">
                <Button
                  type="primary"
                  size="normal"
                  loading={list.busyId === h.id}
                  onClick={() => void list.review(h, { decision: 'approve' })}
                >
                  确认
                </Button>
                <Button type="danger" fill="outline" size="normal" onClick={() => setUndoing(h)}>
                  撤销
                </Button>
              </View>
            ) : null}
          </View>
        ))}
      </PagedList>
      <StaffCampaignDialog
        visible={undoing !== null}
        title="撤销这次发放"
        message="撤销后，这次发放不再计入统计。"
        confirmText="撤销"
        reason={{ label: '撤销原因', placeholder: '例如 重复扫码', min: 2, max: 200 }}
        onConfirm={(comment) => {
          if (undoing) void list.review(undoing, { decision: 'reject', comment });
          setUndoing(null);
        }}
        onCancel={() => setUndoing(null)}
      />
    </View>
  );
}
