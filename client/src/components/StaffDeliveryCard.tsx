import { type Delivery, deliveryReviewStatusLabels, deliveryReviewTransitions } from '@ankang/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Image, Text, View } from '@tarojs/components';
import { previewImages } from '../platform/imagePreview';
import { deliveredAtText, itemsText } from '../services/staffDeliveryFormat';
import { StaffDeliveryFlags } from './StaffDeliveryFlags';
import { StaffSignupFact } from './StaffSignupCardFrame';
import './StaffDeliveryCard.scss';

export interface StaffDeliveryCardProps {
  delivery: Delivery;
  busy?: boolean;
  onApprove: () => void;
  onNeedsChanges: () => void;
  onReject: () => void;
}

/**
 * One delivery record with what a reviewer decides on (site, volunteer, items, 人次, time, marks,
 * photos, notes), and the decisions its status still allows: 通过 / 有问题 / 不通过.
 */
export function StaffDeliveryCard({
  delivery,
  busy,
  onApprove,
  onNeedsChanges,
  onReject,
}: StaffDeliveryCardProps) {
  const next = deliveryReviewTransitions[delivery.review.status];
  const urls = delivery.photos.map((photo) => photo.url);
  const { review } = delivery;
  return (
    <View className="staff-delivery" data-id={delivery.id}>
      <View className="staff-delivery__head">
        <Text className="staff-delivery__name">{delivery.siteName}</Text>
        <Text className={`staff-delivery__status staff-delivery__status--${review.status}`}>
          {deliveryReviewStatusLabels[review.status]}
        </Text>
      </View>
      <StaffDeliveryFlags flags={delivery.flags} />
      <StaffSignupFact label="地区" value={delivery.orgName} />
      {delivery.site.type === 'adHoc' ? (
        <StaffSignupFact label="地点" value={`${delivery.siteAddress}（现场新增）`} />
      ) : null}
      <StaffSignupFact label="志愿者" value={delivery.volunteerName} />
      <StaffSignupFact label="类别" value={delivery.kindName} />
      <StaffSignupFact label="物资" value={itemsText(delivery.items)} />
      <StaffSignupFact label="人次" value={`${delivery.peopleReached} 人次`} />
      <StaffSignupFact label="时间" value={deliveredAtText(delivery)} />
      {delivery.notes ? <StaffSignupFact label="备注" value={delivery.notes} /> : null}
      {urls.length > 0 ? (
        <View className="staff-delivery__photos">
          {delivery.photos.map((photo, index) => (
            <Image
              key={photo.id}
              className="staff-delivery__photo"
              src={photo.url}
              mode="aspectFill"
              lazyLoad
              ariaLabel={`照片 ${index + 1}，点击查看大图`}
              onClick={() => void previewImages(urls, photo.url)}
            />
          ))}
        </View>
      ) : delivery.photoIds.length > 0 ? (
        <Text className="staff-delivery__pending-photos">照片上传中（{delivery.photoIds.length} 张）</Text>
      ) : null}
      {review.comment ? (
        <Text className={`staff-delivery__review staff-delivery__review--${review.status}`}>
          审核意见：{review.comment}
          {review.reviewerName ? `（${review.reviewerName}）` : ''}
        </Text>
      ) : null}
      {next.length > 0 ? (
        <View className="staff-delivery__actions">
          {next.includes('rejected') ? (
            <Button className="staff-delivery__reject" type="default" disabled={busy} onClick={onReject}>
              不通过
            </Button>
          ) : null}
          {next.includes('needsChanges') ? (
            <Button
              className="staff-delivery__issue"
              type="primary"
              fill="outline"
              disabled={busy}
              onClick={onNeedsChanges}
            >
              有问题
            </Button>
          ) : null}
          {next.includes('approved') ? (
            <Button className="staff-delivery__approve" type="primary" disabled={busy} onClick={onApprove}>
              通过
            </Button>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}
