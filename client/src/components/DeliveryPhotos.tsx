import { Image, Text, View } from '@tarojs/components';
import type { FormPhoto } from '../hooks/useDeliveryForm';
import './DeliveryPhotos.scss';

export interface DeliveryPhotosProps {
  photos: FormPhoto[];
  max: number;
  onAdd: () => void;
  onRemove: (id: string) => void;
}

/** Up to three thumbnails, each removable, and the tile that takes or picks another. */
export function DeliveryPhotos({ photos, max, onAdd, onRemove }: DeliveryPhotosProps) {
  return (
    <View className="delivery-photos">
      {photos.map((photo, index) => (
        <View key={photo.id} className="delivery-photos__item">
          <Image className="delivery-photos__image" src={photo.previewUrl} mode="aspectFill" />
          <View
            className="delivery-photos__remove"
            ariaLabel={`删除第 ${index + 1} 张照片`}
            onClick={() => onRemove(photo.id)}
          >
            <Text>×</Text>
          </View>
        </View>
      ))}
      {photos.length < max ? (
        <View className="delivery-photos__add" onClick={onAdd}>
          <Text className="delivery-photos__plus">+</Text>
          <Text className="delivery-photos__hint">添加照片</Text>
          <Text className="delivery-photos__hint">{`${photos.length}/${max}`}</Text>
        </View>
      ) : null}
    </View>
  );
}
