import { MAX_REPORT_PHOTOS, reportKindLabels } from '@ankang/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Textarea, View } from '@tarojs/components';
import { usePhotoField } from '../hooks/usePhotoField';
import type { ReportPhotoUpload, ReportSubmission } from '../services/reportPhotos';
import type { ReportDraft } from '../services/stationDrafts';
import { buttonA11y } from './buttonA11y';
import { ChoiceChips, choicesOf } from './ChoiceChips';
import { PhotoField } from './PhotoField';
import './FeedbackForm.scss';

const kindChoices = choicesOf(reportKindLabels);

export interface ReportFormProps {
  /** What is chosen and typed so far (kept on the phone by the page, so signing in loses nothing). */
  value: ReportDraft;
  /** An updater of the kept draft (taps faster than a render still all count). */
  onChange: (update: (current: ReportDraft) => ReportDraft) => void;
  submitting: boolean;
  /** The form's fields, and its photos' sender when it has any (they go first, see reportPhotos). */
  onSubmit: (input: Omit<ReportSubmission, 'requestId' | 'upload'>, upload?: ReportPhotoUpload) => void;
}

/**
 * 反映问题: what is wrong (one kind) and, optionally, a description and up to 3 photos (a broken
 * air conditioner is best shown; compressed on the phone); goes to the union's queue.
 */
export function ReportForm({ value, onChange, submitting, onSubmit }: ReportFormProps) {
  const { kind, text } = value;
  const photos = usePhotoField(MAX_REPORT_PHOTOS);
  const busy = submitting || photos.uploading;
  return (
    <View className="feedback-form report-form">
      <ChoiceChips
        choices={kindChoices}
        selected={kind ? [kind] : []}
        onToggle={(kind) => onChange((current) => ({ ...current, kind }))}
      />
      <Textarea
        className="feedback-form__text"
        value={text}
        maxlength={200}
        placeholder="请描述具体情况（选填，最多 200 字）"
        onInput={(event) => {
          const text = event.detail.value;
          onChange((current) => ({ ...current, text }));
        }}
      />
      <PhotoField
        photos={photos.photos}
        max={photos.max}
        onAdd={() => void photos.add()}
        onRemove={photos.remove}
        disabled={busy}
      />
      <Button
        className="feedback-form__submit"
        type="primary"
        fill="outline"
        size="large"
        block
        {...buttonA11y(
          () =>
            kind &&
            onSubmit({ kind, text: text.trim() }, photos.photos.length > 0 ? photos.upload : undefined),
          kind === null,
        )}
        disabled={kind === null}
        loading={busy}
      >
        {kind === null ? '请先选择问题类型' : '提交问题'}
      </Button>
    </View>
  );
}
