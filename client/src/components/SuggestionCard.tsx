import {
  amenityLabels,
  hostTypeLabels,
  type Suggestion,
  shanghaiDateTime,
  suggestionStateLabels,
} from '@ankang/shared';
import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { StationPhotos } from './StationPhotos';
import './SuggestionCard.scss';

export interface SuggestionCardProps {
  suggestion: Suggestion;
  /** Who looks: the suggester reads what happens next, staff the facts to decide on. */
  audience: 'suggester' | 'staff';
  /** Staff's 采纳 / 不予采纳, or the suggester's link to the station made. */
  children?: ReactNode;
}

const nextStep: Record<Suggestion['state'], string> = {
  pending: '工会审核后会在这里显示结果。',
  approved: '已采纳：工会完善资料、核实开放时间后，驿站将出现在地图上。',
  declined: '',
};

/**
 * One suggested station: what and where, its photos, its state, and for staff a station already
 * close by.
 */
export function SuggestionCard({ suggestion, audience, children }: SuggestionCardProps) {
  const amenities = suggestion.amenities.map((code) => amenityLabels[code]).join('、');
  return (
    <View className={`suggestion-card suggestion-card--${suggestion.state}`} data-id={suggestion.id}>
      <View className="suggestion-card__head">
        <Text className="suggestion-card__name">{suggestion.name}</Text>
        <Text className={`suggestion-card__state suggestion-card__state--${suggestion.state}`}>
          {suggestionStateLabels[suggestion.state]}
        </Text>
      </View>
      <Text className="suggestion-card__line">{suggestion.address}</Text>
      {suggestion.hostType ? (
        <Text className="suggestion-card__line">{`场所类型：${hostTypeLabels[suggestion.hostType]}`}</Text>
      ) : null}
      {amenities ? <Text className="suggestion-card__line">{`设施：${amenities}`}</Text> : null}
      {suggestion.note ? <Text className="suggestion-card__note">{suggestion.note}</Text> : null}
      <StationPhotos
        photos={suggestion.photos}
        title={audience === 'staff' ? '职工拍的现场照片' : '我拍的照片'}
      />
      {audience === 'staff' && suggestion.nearStation ? (
        <Text className="suggestion-card__near">
          {`附近 ${suggestion.nearStation.distanceM} 米已有驿站“${suggestion.nearStation.name}”，职工确认不是同一地点`}
        </Text>
      ) : null}
      <Text className="suggestion-card__line">
        {`${shanghaiDateTime(new Date(suggestion.createdAt))} 提交 · ${suggestion.orgName}审核`}
      </Text>
      {suggestion.state === 'declined' && suggestion.declineReason ? (
        <Text className="suggestion-card__reason">{`未采纳原因：${suggestion.declineReason}`}</Text>
      ) : null}
      {audience === 'suggester' && nextStep[suggestion.state] ? (
        <Text className="suggestion-card__hint">{nextStep[suggestion.state]}</Text>
      ) : null}
      {children ? <View className="suggestion-card__actions">{children}</View> : null}
    </View>
  );
}
