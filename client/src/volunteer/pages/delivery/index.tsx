import { deliveryReviewStatusLabels } from '@ankang/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Picker, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useMemo } from 'react';
import { ChoiceChips } from '../../../components/ChoiceChips';
import { DeliveryItemsField } from '../../../components/DeliveryItemsField';
import { DeliveryPositionLine } from '../../../components/DeliveryPositionLine';
import { GateFallback } from '../../../components/GateFallback';
import { OrgChips } from '../../../components/OrgChips';
import { PhotoField } from '../../../components/PhotoField';
import { PrivacyPopup } from '../../../components/PrivacyPopup';
import { StateView } from '../../../components/StateView';
import { StationFormField, StationTextInput } from '../../../components/StationFormField';
import { type DeliveryFormMode, useDeliveryContext } from '../../../hooks/useDeliveryContext';
import { MAX_PHOTOS, useDeliveryForm } from '../../../hooks/useDeliveryForm';
import { usePrivacyRequest } from '../../../hooks/usePrivacyRequest';
import { useRoleGate } from '../../../hooks/useRoleGate';
import { deliveryListUrl, deliveryRoutes } from '../../../services/deliveryRoutes';
import { goBackOr } from '../../../services/navigation';
import { campaignIdOf } from '../../../services/outreach';
import { routes } from '../../../services/routes';
import './index.scss';

/** The form's target from its link; null when the link names no campaign. */
function modeOf(params: Record<string, string | undefined>): DeliveryFormMode | null {
  const campaignId = campaignIdOf(params.campaign);
  if (!campaignId) return null;
  const decode = (value: string) => decodeURIComponent(value);
  if (params.edit) return { kind: 'edit', campaignId, deliveryId: decode(params.edit) };
  if (params.task) return { kind: 'task', campaignId, taskId: decode(params.task) };
  return { kind: 'adHoc', campaignId };
}

/** Back to 我的配送记录: the page under this one when it came from there, else in this one's place. */
async function showList(campaignId: string): Promise<void> {
  const pages = Taro.getCurrentPages();
  const below = pages[pages.length - 2]?.route ?? '';
  if (deliveryRoutes.list.endsWith(below) && below) await Taro.navigateBack();
  else await Taro.redirectTo({ url: deliveryListUrl(campaignId) });
}

const titles = { task: '记录配送', adHoc: '记录配送（临时站点）', edit: '修改配送记录' } as const;

function DeliveryForm({ mode }: { mode: DeliveryFormMode | null }) {
  const privacy = usePrivacyRequest();
  const context = useDeliveryContext(mode, true);
  const form = useDeliveryForm(mode, context.data);
  const { values, errors, set } = form;

  if (!mode) {
    return (
      <View className="page delivery-form">
        <StateView
          tone="error"
          title="没有找到要记录的活动"
          description="请从“我的任务”或“我的配送记录”进入。"
          actions={[{ text: '返回', onClick: () => void goBackOr(routes.me) }]}
        />
      </View>
    );
  }
  if (!context.data || !values) {
    const error = context.error;
    const title =
      error?.code === 'ASSIGNMENT_NOT_FOUND'
        ? '未找到该任务'
        : error?.code === 'DELIVERY_NOT_FOUND'
          ? '未找到这条记录'
          : error?.code === 'NOT_CAMPAIGN_VOLUNTEER'
            ? '您还不是该活动的志愿者'
            : '加载失败';
    return (
      <View className="page delivery-form">
        {error ? (
          <StateView
            tone="error"
            title={title}
            description={error.message}
            actions={[
              { text: '重试', onClick: context.retry },
              { text: '返回', onClick: () => void goBackOr(routes.me), primary: false },
            ]}
          />
        ) : (
          <StateView tone="loading" title="正在加载…" />
        )}
      </View>
    );
  }

  const { campaign, site, districts, record } = context.data;
  const kind = campaign.kinds.find((k) => k.code === values.kind);
  const save = async () => {
    if (await form.save()) await showList(mode.campaignId);
  };

  return (
    <View className="page delivery-form">
      <View className="delivery-form__head">
        <Text className="delivery-form__title">{titles[mode.kind]}</Text>
        <Text className="delivery-form__campaign">{campaign.title}</Text>
        {site ? (
          <View className="delivery-form__site">
            <Text className="delivery-form__site-name">{site.name}</Text>
            <Text className="delivery-form__muted">{site.address}</Text>
          </View>
        ) : null}
      </View>

      {record?.review.comment ? (
        <View className="delivery-form__review">
          <Text className="delivery-form__review-title">{`审核意见（${deliveryReviewStatusLabels[record.review.status]}）`}</Text>
          <Text>{record.review.comment}</Text>
        </View>
      ) : null}

      {mode.kind === 'adHoc' ? (
        <View className="delivery-form__section">
          <StationFormField label="地点名称" name="siteName" required error={errors.siteName}>
            <StationTextInput
              value={values.siteName}
              onChange={(v) => set('siteName', v)}
              placeholder="如：港城大道环卫休息点"
              maxlength={40}
            />
          </StationFormField>
          <StationFormField label="地址" name="siteAddress" required error={errors.siteAddress}>
            <StationTextInput
              value={values.siteAddress}
              onChange={(v) => set('siteAddress', v)}
              placeholder="街道、门牌号或明显地标"
              maxlength={120}
            />
          </StationFormField>
          <StationFormField label="所在地区" name="siteOrgPath" required error={errors.siteOrgPath}>
            <OrgChips
              label="所在地区"
              orgs={districts}
              picked={values.siteOrgPath}
              onPick={(path) => set('siteOrgPath', path)}
            />
          </StationFormField>
        </View>
      ) : null}

      {!form.editing ? (
        <View className="delivery-form__copy">
          <Button
            size="large"
            fill="outline"
            block
            loading={form.copying}
            onClick={() => void form.copyLast()}
          >
            复制上一条
          </Button>
        </View>
      ) : null}
      {form.notice ? <Text className="delivery-form__notice">{form.notice}</Text> : null}

      <View className="delivery-form__section">
        <StationFormField label="配送类别" name="kind" required error={errors.kind}>
          <ChoiceChips
            choices={campaign.kinds.map((k) => ({ value: k.code, label: k.name }))}
            selected={values.kind ? [values.kind] : []}
            onToggle={(code) => set('kind', code)}
          />
        </StationFormField>
        <StationFormField label="物资及数量" name="items" required error={errors.items}>
          <DeliveryItemsField
            kind={kind}
            quantities={values.quantities}
            onChange={(q) => set('quantities', q)}
          />
        </StationFormField>
        <StationFormField
          label="服务人次"
          name="peopleReached"
          required
          hint="本次送到的职工人次"
          error={errors.peopleReached}
        >
          <StationTextInput
            value={values.peopleReached}
            onChange={(v) => set('peopleReached', v)}
            type="number"
            placeholder="如：30"
            maxlength={6}
          />
        </StationFormField>
        <StationFormField
          label={`现场照片（最多 ${MAX_PHOTOS} 张）`}
          name="photos"
          hint="照片会在手机上压缩后单独上传"
        >
          <PhotoField
            photos={form.photos}
            max={MAX_PHOTOS}
            onAdd={() => void form.addPhotos()}
            onRemove={form.removePhoto}
          />
        </StationFormField>
        <StationFormField label="定位" name="position">
          <DeliveryPositionLine
            position={form.position}
            kept={record?.position ?? null}
            onRelocate={() => void form.relocate()}
          />
        </StationFormField>
        <StationFormField label="配送时间" name="deliveredAt" required error={errors.deliveredAt}>
          <View className="delivery-form__when">
            <Picker
              mode="date"
              value={values.date}
              start={campaign.season.from}
              end={campaign.season.to}
              onChange={(event) => set('date', String(event.detail.value))}
            >
              <Text className="delivery-form__picker">{values.date}</Text>
            </Picker>
            <Picker
              mode="time"
              value={values.time}
              onChange={(event) => set('time', String(event.detail.value))}
            >
              <Text className="delivery-form__picker">{values.time}</Text>
            </Picker>
          </View>
        </StationFormField>
        <StationFormField label="备注" name="notes" error={errors.notes}>
          <StationTextInput
            value={values.notes}
            onChange={(v) => set('notes', v)}
            multiline
            maxlength={200}
            placeholder="选填，如现场情况"
          />
        </StationFormField>
      </View>

      <View className="delivery-form__submit">
        <Button type="primary" size="large" block loading={form.saving} onClick={() => void save()}>
          保存
        </Button>
        <Text className="delivery-form__muted">保存后先存在手机上，有网络时自动上传，不会重复。</Text>
      </View>
      <PrivacyPopup visible={privacy.visible} onAgree={privacy.agree} onRefuse={privacy.refuse} />
    </View>
  );
}

/** 记录配送 (volunteers): one delivery at a task's site or a 临时站点, saved on the phone first. */
export default function DeliveryFormPage() {
  const { params } = useRouter();
  const { gate, account } = useRoleGate(['volunteer']);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the link's values are the identity.
  const mode = useMemo(() => modeOf(params), [params.campaign, params.task, params.edit, params.adHoc]);
  if (gate.kind !== 'allowed') {
    return (
      <GateFallback gate={gate} signedIn={account.signedIn} audience="志愿者" className="delivery-form" />
    );
  }
  return <DeliveryForm mode={mode} />;
}
