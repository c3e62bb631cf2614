import { deliveryFlagLabels, deliveryReviewStatusLabels } from '@ankang/shared';
import { Image, Text, View } from '@tarojs/components';
import { shanghaiPartsOf } from '../services/deliveryForm';
import type { DeliveryRow } from '../services/deliveryList';
import { type OutboxState, outboxStateLabels } from '../services/outboxTypes';
import './DeliveryRecordCard.scss';

export interface DeliveryRecordCardProps {
  row: DeliveryRow;
  onRetry: (entryId: string) => void;
  /** 有问题: open the form to change it. */
  onEdit?: (row: DeliveryRow) => void;
  /** A refused record that never landed: give it up. */
  onDiscard?: (entryId: string) => void;
}

const uploadText = (state: OutboxState, isEdit: boolean) =>
  isEdit && state !== 'sent' ? `修改${outboxStateLabels[state]}` : outboxStateLabels[state];

/** One record: where and when, what was handed out, its upload state, then the review and photos. */
export function DeliveryRecordCard({ row, onRetry, onEdit, onDiscard }: DeliveryRecordCardProps) {
  const { upload, record } = row;
  const when = shanghaiPartsOf(row.deliveredAt);
  const failed = upload.state === 'failed' && upload.entryId;
  return (
    <View className={`delivery-record delivery-record--${upload.state}`}>
      <View className="delivery-record__head">
        <Text className="delivery-record__site">{row.siteName}</Text>
        <Text
          className={`delivery-record__upload delivery-record__upload--${upload.state}`}
          onClick={failed ? () => onRetry(upload.entryId as string) : undefined}
        >
          {uploadText(upload.state, upload.isEdit)}
        </Text>
      </View>
      <Text className="delivery-record__line">{`${when.date} ${when.time} · ${row.kindName}`}</Text>
      <Text className="delivery-record__line">{row.itemsText}</Text>
      <Text className="delivery-record__line">{`服务 ${row.peopleReached} 人次`}</Text>
      {failed && upload.error ? <Text className="delivery-record__error">{upload.error.message}</Text> : null}
      {failed && !record && !upload.isEdit && onDiscard ? (
        <Text className="delivery-record__discard" onClick={() => onDiscard(upload.entryId as string)}>
          放弃这条记录
        </Text>
      ) : null}
      {record ? (
        <View className="delivery-record__review">
          <Text className={`delivery-record__status delivery-record__status--${record.review.status}`}>
            {deliveryReviewStatusLabels[record.review.status]}
          </Text>
          {record.flags.map((flag) => (
            <Text key={flag} className="delivery-record__flag">
              {deliveryFlagLabels[flag]}
            </Text>
          ))}
        </View>
      ) : null}
      {record?.review.comment ? (
        <Text className="delivery-record__comment">{`审核意见：${record.review.comment}`}</Text>
      ) : null}
      {record && record.photos.length > 0 ? (
        <View className="delivery-record__photos">
          {record.photos.map((photo) => (
            <Image key={photo.id} className="delivery-record__photo" src={photo.url} mode="aspectFill" />
          ))}
        </View>
      ) : null}
      {row.photosWaiting > 0 ? (
        <Text className="delivery-record__muted">{`${row.photosWaiting} 张照片待上传`}</Text>
      ) : null}
      {row.photosFailed.map((photo) => (
        <Text key={photo.entryId} className="delivery-record__error" onClick={() => onRetry(photo.entryId)}>
          {`照片上传失败：${photo.message}（点击重试）`}
        </Text>
      ))}
      {onEdit && record && record.review.status === 'needsChanges' && upload.state === 'sent' ? (
        <Text className="delivery-record__edit" onClick={() => onEdit(row)}>
          修改
        </Text>
      ) : null}
    </View>
  );
}
