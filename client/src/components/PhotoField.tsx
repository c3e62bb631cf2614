import { Image, Text, View } from '@tarojs/components';
import { previewImages } from '../platform/imagePreview';
import { buttonA11y } from './buttonA11y';
import './PhotoField.scss';

export interface PhotoFieldProps {
  photos: readonly { id: string; previewUrl: string }[];
  max: number;
  onAdd: () => void;
  onRemove: (id: string) => void;
  /** When given, each photo gets 前移 / 后移 (a gallery's order is what workers see). */
  onMove?: (id: string, step: -1 | 1) => void;
  /** While sending or saving: nothing can be added, removed or moved. */
  disabled?: boolean;
}

/**
 * The photo part of a form (a delivery, a station's gallery, a problem report): thumbnails that
 * open full screen on a tap, each removable (and movable when the order matters), and the tile
 * that takes or picks another while there is room.
 */
export function PhotoField({ photos, max, onAdd, onRemove, onMove, disabled = false }: PhotoFieldProps) {
  const urls = photos.map((photo) => photo.previewUrl);
  return (
    <View className={`photo-field${disabled ? ' photo-field--disabled' : ''}`}>
      {photos.map((photo, index) => (
        <View key={photo.id} className="photo-field__item">
          <Image
            className="photo-field__image"
            src={photo.previewUrl}
            mode="aspectFill"
            ariaLabel={`查看第 ${index + 1} 张照片`}
            onClick={() => void previewImages(urls, photo.previewUrl)}
          />
          {disabled ? null : (
            <View
              className="photo-field__remove"
              ariaLabel={`删除第 ${index + 1} 张照片`}
              {...buttonA11y(() => onRemove(photo.id))}
            >
              <Text>×</Text>
            </View>
          )}
          {onMove && !disabled ? (
            <View className="photo-field__order">
              {index > 0 ? (
                <View
                  className="photo-field__move"
                  ariaLabel={`第 ${index + 1} 张照片前移`}
                  {...buttonA11y(() => onMove(photo.id, -1))}
                >
                  <Text>前移</Text>
                </View>
              ) : null}
              {index < photos.length - 1 ? (
                <View
                  className="photo-field__move"
                  ariaLabel={`第 ${index + 1} 张照片后移`}
                  {...buttonA11y(() => onMove(photo.id, 1))}
                >
                  <Text>后移</Text>
                </View>
              ) : null}
            </View>
          ) : null}
        </View>
      ))}
      {photos.length < max && !disabled ? (
        <View className="photo-field__add" {...buttonA11y(onAdd)}>
          <Text className="photo-field__plus">+</Text>
          <Text className="photo-field__hint">添加照片</Text>
          <Text className="photo-field__hint">{`${photos.length}/${max}`}</Text>
        </View>
      ) : null}
    </View>
  );
}
