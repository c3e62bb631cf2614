import type { PhotoView } from '@ankang/shared';
import { Image, ScrollView, Text, View } from '@tarojs/components';
import { previewImages } from '../platform/imagePreview';
import './StationPhotos.scss';

export interface StationPhotosProps {
  photos: readonly PhotoView[];
  /** Shown above the thumbnails; none when the gallery sits inside a titled card. */
  title?: string;
}

/**
 * A station's gallery on its page: a row of thumbnails in the order staff set, each opening the
 * full-screen viewer (WeChat's own in the mini-program) to swipe through all. Nothing at all when
 * the station has no photos: an empty box would only push the hours down.
 */
export function StationPhotos({ photos, title = '驿站照片' }: StationPhotosProps) {
  if (photos.length === 0) return null;
  const urls = photos.map((photo) => photo.url);
  return (
    <View className="station-photos">
      {title ? <Text className="station-photos__title">{`${title}（${photos.length}）`}</Text> : null}
      <ScrollView className="station-photos__row" scrollX enhanced showScrollbar={false}>
        {photos.map((photo, index) => (
          <Image
            key={photo.id}
            className="station-photos__thumb"
            src={photo.url}
            mode="aspectFill"
            lazyLoad
            ariaLabel={`查看第 ${index + 1} 张驿站照片`}
            onClick={() => void previewImages(urls, photo.url)}
          />
        ))}
      </ScrollView>
    </View>
  );
}
