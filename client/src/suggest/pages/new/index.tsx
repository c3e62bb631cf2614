import {
  type AmenityCode,
  amenityLabels,
  type HostType,
  hostTypeLabels,
  SUGGESTION_DAILY_CAP,
} from '@ankang/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { buttonA11y, linkA11y } from '../../../components/buttonA11y';
import { ChoiceChips, choicesOf } from '../../../components/ChoiceChips';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { OutreachConsentCard } from '../../../components/OutreachConsentCard';
import { OutreachSignIn } from '../../../components/OutreachSignIn';
import { PhotoField } from '../../../components/PhotoField';
import { PrivacyPopup } from '../../../components/PrivacyPopup';
import { StateView } from '../../../components/StateView';
import { StationFormField, StationTextInput } from '../../../components/StationFormField';
import { SuggestionNearbyNotice } from '../../../components/SuggestionNearbyNotice';
import { useAccount } from '../../../hooks/useAccount';
import { usePrivacyRequest } from '../../../hooks/usePrivacyRequest';
import { useSubscribeConsent } from '../../../hooks/useSubscribeConsent';
import {
  type SuggestionFormErrors,
  suggestionFieldLabels,
  useSuggestionForm,
} from '../../../hooks/useSuggestionForm';
import { platform } from '../../../platform';
import { openPage } from '../../../services/navigation';
import { stationRoute } from '../../../services/routes';
import { suggestRoutes } from '../../../services/suggestions';
import './index.scss';

const hostChoices = choicesOf<HostType>(hostTypeLabels);
const amenityChoices = choicesOf<AmenityCode>(amenityLabels);
const outcomeTopics = ['suggestionOutcome'] as const;

/** WeChat asks for the privacy agreement before the location or the camera: what they are for here. */
const privacyPurpose =
  '建议新增驿站需要您所在的位置（决定由哪里的工会审核），也可以拍照或从相册选择现场照片。位置和照片只用于这条建议，不会保存您的行动轨迹。';

/** Beside the send button: which fields to fix, named in the form's order (they may be far above). */
function fixSummary(errors: SuggestionFormErrors): string | null {
  const named = (Object.keys(suggestionFieldLabels) as (keyof SuggestionFormErrors)[])
    .filter((field) => errors[field])
    .map((field) => suggestionFieldLabels[field]);
  return named.length > 0 ? `请修改上面标红的内容：${named.join('、')}` : null;
}

/**
 * 建议新增驿站: a worker who found a place that lets outdoor workers rest, drink or charge tells the
 * union: its name, where it is (picked on the map, or where they stand), what it offers, and up to
 * 3 photos. The union of the area reviews it; the outcome shows in 我的建议 (and by WeChat message
 * when allowed). Errors stand beside their fields, and beside the send button too (a long form's
 * top is out of sight when it is tapped).
 */
export default function SuggestStationPage() {
  const account = useAccount();
  const form = useSuggestionForm();
  const privacy = usePrivacyRequest();
  const consent = useSubscribeConsent(outcomeTopics, form.sent !== null);
  const { values, errors, set } = form;
  const summary = fixSummary(errors);

  if (!account.signedIn) {
    return (
      <OutreachSignIn
        description="登录后即可向工会建议新增驿站，并查看审核结果。"
        signingIn={account.signingIn}
        error={account.signInError}
        onSignIn={account.signIn}
      />
    );
  }

  if (form.sent) {
    return (
      <View className="page suggest-new suggest-new--sent">
        <StateView
          tone="info"
          title="建议已提交，谢谢您！"
          description={`${form.sent.orgName}将审核“${form.sent.name}”，结果会显示在“我的建议”中。`}
          actions={[
            { text: '查看我的建议', onClick: () => void openPage(suggestRoutes.mine) },
            { text: '再建议一个地点', onClick: form.restart },
          ]}
        />
        {consent.available ? (
          <OutreachConsentCard
            title="审核结果通知"
            description="工会审核后，通过微信通知您是否采纳。"
            state={consent.state}
            onAsk={() => void consent.ask()}
            onRetry={() => void consent.retry()}
            declinedText="您没有开启通知，可随时在“我的建议”中查看结果。"
          />
        ) : null}
      </View>
    );
  }

  const location = values.location;
  return (
    <View className="page page--form suggest-new">
      <Text className="suggest-new__intro">
        {`发现了可以让户外劳动者歇脚、喝水、充电的地方？告诉工会，审核通过后会加入驿站地图（每人每天最多 ${SUGGESTION_DAILY_CAP} 条）。`}
      </Text>

      <StationFormField label="名称" name="name" required error={errors.name}>
        <StationTextInput
          value={values.name}
          onChange={(v) => set('name', v)}
          placeholder="例如 人民路加油站休息室"
          maxlength={60}
        />
      </StationFormField>
      <StationFormField
        label="位置"
        name="location"
        required
        error={errors.location}
        hint="决定由哪里的工会审核，也是职工导航过去的位置"
      >
        {location ? (
          <Text className="suggest-new__picked">
            {`已选择：${location.label}（${location.lat.toFixed(5)}, ${location.lng.toFixed(5)}）`}
          </Text>
        ) : null}
        <View className="suggest-new__place-actions">
          {platform.canPickPlace ? (
            <Button
              className="suggest-new__pick"
              type="primary"
              fill="outline"
              size="large"
              {...buttonA11y(() => void form.pickOnMap())}
            >
              {location ? '重新在地图上选择' : '在地图上选择'}
            </Button>
          ) : null}
          <Button
            className="suggest-new__here"
            type="primary"
            fill="outline"
            size="large"
            {...buttonA11y(() => void form.locateHere(), form.locating)}
            loading={form.locating}
          >
            我就在这里
          </Button>
        </View>
        {platform.canPickPlace ? null : (
          // A browser has no map to pick on: the place's coordinates, from a map app, stand in for it.
          <View className="suggest-new__point">
            <StationTextInput
              value={form.typedPoint}
              onChange={form.typePoint}
              placeholder="或填写坐标，例如 120.5512,31.8765"
              maxlength={40}
            />
            <Text className="suggest-new__point-hint">
              在高德或腾讯地图上找到这个地点，复制它的坐标（经度,纬度）填在这里。
            </Text>
          </View>
        )}
      </StationFormField>
      <StationFormField label="地址" name="address" required error={errors.address}>
        <StationTextInput
          value={values.address}
          onChange={(v) => set('address', v)}
          placeholder="路名门牌，或附近的标志"
          maxlength={120}
        />
      </StationFormField>
      <StationFormField label="场所类型" name="hostType" hint="不确定可以不选">
        <ChoiceChips
          single
          label="场所类型"
          choices={hostChoices}
          selected={values.hostType ? [values.hostType] : []}
          onToggle={form.toggleHostType}
        />
      </StationFormField>
      <StationFormField label="有哪些设施" name="amenities" error={errors.amenities}>
        <ChoiceChips choices={amenityChoices} selected={values.amenities} onToggle={form.toggleAmenity} />
      </StationFormField>
      <StationFormField
        label="补充说明"
        name="note"
        error={errors.note}
        hint="例如 开放时间、怎么找到（可不填）"
      >
        <StationTextInput
          multiline
          value={values.note}
          onChange={(v) => set('note', v)}
          placeholder="例如 白天一直开着，门口有饮水机"
          maxlength={200}
        />
      </StationFormField>
      <StationFormField
        label="现场照片"
        name="photos"
        error={errors.photos}
        hint={`拍下门口和设施，方便工会核实（可不拍，最多 ${form.photos.max} 张）`}
      >
        <PhotoField
          photos={form.photos.photos}
          max={form.photos.max}
          onAdd={() => void form.photos.add()}
          onRemove={form.photos.remove}
          disabled={form.submitting}
        />
      </StationFormField>

      {summary ? (
        <View className="suggest-new__fix" role="alert">
          <Text>{summary}</Text>
        </View>
      ) : null}
      {form.alreadySent ? (
        <View className="suggest-new__fix" role="alert">
          <Text>{form.alreadySent}</Text>
        </View>
      ) : form.error ? (
        <View className="suggest-new__failure" role="alert">
          <ErrorBanner error={form.error} />
        </View>
      ) : null}

      {form.nearby ? (
        <SuggestionNearbyNotice
          station={form.nearby}
          busy={form.submitting}
          onOpen={() => void openPage(stationRoute(form.nearby!.id))}
          onConfirm={() => void form.submit(true)}
        />
      ) : (
        <View className="suggest-new__submit">
          <Button
            type="primary"
            size="large"
            block
            {...buttonA11y(() => void form.submit(), form.submitting)}
            loading={form.submitting}
            disabled={form.submitting}
          >
            {form.photos.uploading ? '正在上传照片…' : '提交建议'}
          </Button>
        </View>
      )}
      <View className="suggest-new__mine" {...linkA11y(() => void openPage(suggestRoutes.mine))}>
        <Text>查看我的建议 ›</Text>
      </View>
      <PrivacyPopup
        visible={privacy.visible}
        onAgree={privacy.agree}
        onRefuse={privacy.refuse}
        purpose={privacyPurpose}
        refuseText="不同意（可在地图上选择位置，不拍照片）"
      />
    </View>
  );
}
