import { type Campaign, campaignStatusLabels } from '@ankang/shared';
import { Dialog } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { rangeLabel } from '../services/outreachDates';
import './StaffCampaignCopyDialog.scss';

export interface StaffCampaignCopyDialogProps {
  visible: boolean;
  /** Finished campaigns (closed or archived) to start from. */
  candidates: Campaign[];
  onPick: (campaign: Campaign) => void;
  onCancel: () => void;
}

/** 复制往年活动: pick a finished campaign; the editor opens with it moved to this year. */
export function StaffCampaignCopyDialog({
  visible,
  candidates,
  onPick,
  onCancel,
}: StaffCampaignCopyDialogProps) {
  return (
    <Dialog
      className="staff-campaign-copy"
      visible={visible}
      title="复制往年活动"
      hideConfirmButton
      cancelText="取消"
      onCancel={onCancel}
      onClose={() => undefined}
      closeOnOverlayClick={false}
    >
      <View className="staff-campaign-copy__body">
        <Text className="staff-campaign-copy__hint">
          选择一个已结束的活动，其类别、物资目录和服务对象将复制到今年的新活动（草稿），日期顺延到今年，可再修改。
        </Text>
        {candidates.length === 0 ? (
          <Text className="staff-campaign-copy__empty">还没有已结束或已归档的活动可以复制。</Text>
        ) : (
          candidates.map((campaign) => (
            <View
              key={campaign.id}
              data-id={campaign.id}
              className="staff-campaign-copy__item"
              onClick={() => onPick(campaign)}
            >
              <Text className="staff-campaign-copy__title">{campaign.title}</Text>
              <Text className="staff-campaign-copy__meta">
                {campaignStatusLabels[campaign.status]} · {rangeLabel(campaign.season)}
              </Text>
            </View>
          ))
        )}
      </View>
    </Dialog>
  );
}
