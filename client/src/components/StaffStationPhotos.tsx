import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useStationGallery } from '../hooks/useStationGallery';
import { buttonA11y } from './buttonA11y';
import { ErrorBanner } from './ErrorBanner';
import { PhotoField } from './PhotoField';
import { StaffConflictNotice } from './StaffConflictNotice';
import './StaffStationPhotos.scss';

const conflictText =
  '您打开此页后，其他人修改了这个驿站的照片。请刷新查看最新照片，再重新调整；您未保存的照片修改将被放弃。';

/**
 * 驿站照片 on the station edit page: what workers see on the station's page, in that order. Saved
 * on its own (照片 have their own version), so arranging photos never blocks saving the form.
 */
export function StaffStationPhotos({ stationId }: { stationId: string }) {
  const gallery = useStationGallery(stationId);
  const { field } = gallery;

  return (
    <View className="staff-station-photos">
      <Text className="staff-station-photos__hint">
        {`最多 ${field.max} 张，第一张作为封面；照片会在手机上压缩后上传。`}
      </Text>
      {gallery.conflict ? <StaffConflictNotice onReload={gallery.reload} text={conflictText} /> : null}
      {gallery.saveError && !gallery.conflict ? <ErrorBanner error={gallery.saveError} /> : null}
      {gallery.loadError ? (
        <ErrorBanner error={gallery.loadError} onRetry={gallery.reload} />
      ) : gallery.loading ? (
        <Text className="staff-station-photos__hint">正在加载照片…</Text>
      ) : (
        <>
          {field.photos.length === 0 ? (
            <Text className="staff-station-photos__empty">
              还没有照片。添加门头、室内和设施的照片，方便职工找到和了解驿站。
            </Text>
          ) : null}
          <PhotoField
            photos={field.photos}
            max={field.max}
            onAdd={() => void field.add()}
            onRemove={field.remove}
            onMove={field.move}
            disabled={gallery.saving || gallery.conflict}
          />
          {gallery.dirty ? (
            <Button
              className="staff-station-photos__save"
              type="primary"
              size="large"
              block
              {...buttonA11y(() => void gallery.save(), gallery.saving || gallery.conflict)}
              loading={gallery.saving}
              disabled={gallery.conflict}
            >
              {gallery.saving ? '正在上传…' : '保存照片'}
            </Button>
          ) : (
            <Text className="staff-station-photos__hint">照片已是最新</Text>
          )}
        </>
      )}
    </View>
  );
}
