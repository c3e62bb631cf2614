import { type AmenityCode, amenityLabels, type HostType, hostTypeLabels } from '@ankang/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useMemo } from 'react';
import { linkA11y } from '../../../components/buttonA11y';
import { type Choice, ChoiceChips } from '../../../components/ChoiceChips';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { OrgChips } from '../../../components/OrgChips';
import { StaffConflictNotice } from '../../../components/StaffConflictNotice';
import { StaffStationPhotos } from '../../../components/StaffStationPhotos';
import { StateView } from '../../../components/StateView';
import { StationFormField, StationTextInput } from '../../../components/StationFormField';
import { StationHoursPreview } from '../../../components/StationHoursPreview';
import { useRoleGate } from '../../../hooks/useRoleGate';
import { useStationForm } from '../../../hooks/useStationForm';
import { platform } from '../../../platform';
import { openPage } from '../../../services/navigation';
import { editStationUrl, stationPosterUrl } from '../../../services/staffRoutes';
import { hoursFromForm } from '../../../services/stationForm';
import './index.scss';
import { GateFallback } from '../../../components/GateFallback';

const hostChoices = Object.entries(hostTypeLabels).map(([value, label]) => ({
  value,
  label,
})) as Choice<HostType>[];
const amenityChoices = Object.entries(amenityLabels).map(([value, label]) => ({
  value,
  label,
})) as Choice<AmenityCode>[];

/** 编辑驿站 / 新建驿站: every field staff keep, checked before sending, saved with its version. */
export default function StationEditPage() {
  const id = useRouter().params.id || undefined;
  const { gate, account } = useRoleGate(['staff', 'admin']);
  const allowed = gate.kind === 'allowed';
  const form = useStationForm(
    allowed ? id : undefined,
    gate.kind === 'allowed' ? gate.me.org?.path : undefined,
  );
  const { values, errors, set } = form;
  const hours = useMemo(() => (values ? hoursFromForm(values) : null), [values]);
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: id ? '编辑驿站' : '新建驿站' });
  }, [id]);

  if (gate.kind === 'loading' || !allowed) {
    return (
      <GateFallback
        gate={gate}
        signedIn={account.signedIn}
        audience="工会干部和管理员"
        className="station-edit"
      />
    );
  }
  if (form.loadError && !values) {
    return (
      <StateView
        tone="error"
        title="驿站资料加载失败"
        description={form.loadError.message}
        actions={[{ text: '重试', onClick: form.retryLoad }]}
      />
    );
  }
  if (!values) return <StateView tone="loading" title="正在加载驿站资料…" />;

  const onSave = async () => {
    const creating = !form.station;
    const saved = await form.save();
    if (!saved) return;
    void Taro.showToast({ title: '已保存', icon: 'success' });
    // A new station continues as an edit of itself, so a second save updates it.
    if (creating) void Taro.redirectTo({ url: editStationUrl(saved.id) });
  };
  const onPickPlace = async () => {
    const place = await platform.pickPlace();
    if (!place) return;
    set('lng', place.lng.toFixed(6));
    set('lat', place.lat.toFixed(6));
    if (!values.address.trim()) set('address', place.address);
  };
  return (
    <View className="page page--form station-edit">
      {form.conflict ? <StaffConflictNotice onReload={form.reload} /> : null}
      {form.saveError && !form.conflict ? <ErrorBanner error={form.saveError} /> : null}
      {form.station ? (
        <View className="station-edit__saved">
          <Text>
            {form.station.name} · 第 {form.station.version} 版
          </Text>
          <View
            className="station-edit__poster"
            {...linkA11y(() => void openPage(stationPosterUrl(form.station!.id)))}
          >
            <Text>二维码海报</Text>
          </View>
        </View>
      ) : null}

      {form.station?.status.state === 'temporarilyClosed' ? (
        // A draft from a worker's suggestion starts paused: say how it opens once completed.
        <Text className="station-edit__paused">
          {`暂停开放：${form.station.status.reason}。资料完善并保存后，请在“我的驿站”中点“恢复开放”。`}
        </Text>
      ) : null}
      <Text className="station-edit__section">基本信息</Text>
      <StationFormField label="名称" name="name" required error={errors.name}>
        <StationTextInput
          value={values.name}
          onChange={(v) => set('name', v)}
          placeholder="例如 杨舍镇环卫工人爱心驿站"
          maxlength={60}
        />
      </StationFormField>
      <StationFormField label="地址" name="address" required error={errors.address}>
        <StationTextInput
          value={values.address}
          onChange={(v) => set('address', v)}
          placeholder="详细地址"
          maxlength={120}
        />
      </StationFormField>
      <StationFormField
        label="区县 / 街道"
        name="district"
        required
        error={errors.district}
        hint="职工在列表中看到的区域，例如 张家港市 杨舍镇"
      >
        <StationTextInput value={values.district} onChange={(v) => set('district', v)} maxlength={40} />
      </StationFormField>
      <StationFormField label="所属工会" name="orgPath" required error={errors.orgPath}>
        <OrgChips
          label="所属工会"
          orgs={form.orgs}
          picked={values.orgPath}
          onPick={(v) => set('orgPath', v)}
        />
      </StationFormField>
      <View className="station-edit__pair">
        <StationFormField label="经度" name="lng" required error={errors.lng}>
          <StationTextInput
            value={values.lng}
            onChange={(v) => set('lng', v)}
            type="digit"
            placeholder="120.5532"
          />
        </StationFormField>
        <StationFormField label="纬度" name="lat" required error={errors.lat}>
          <StationTextInput
            value={values.lat}
            onChange={(v) => set('lat', v)}
            type="digit"
            placeholder="31.8765"
          />
        </StationFormField>
      </View>
      <StationFormField
        label="坐标说明"
        name="crs"
        hint={
          platform.canPickPlace
            ? '可在地图上选择位置自动填写；手填请用 GCJ-02 坐标（高德、腾讯地图）。'
            : '请填写 GCJ-02 坐标（高德、腾讯地图拾取的坐标）。'
        }
      >
        {platform.canPickPlace ? (
          <Button type="primary" fill="outline" size="large" block onClick={() => void onPickPlace()}>
            在地图上选择位置
          </Button>
        ) : null}
      </StationFormField>
      <StationFormField label="类型" name="hostType" required error={errors.hostType}>
        <ChoiceChips
          choices={hostChoices}
          selected={values.hostType ? [values.hostType] : []}
          onToggle={(v) => set('hostType', v)}
        />
      </StationFormField>
      <StationFormField label="服务设施" name="amenities" error={errors.amenities}>
        <ChoiceChips
          choices={amenityChoices}
          selected={values.amenities}
          onToggle={(v) =>
            set(
              'amenities',
              values.amenities.includes(v)
                ? values.amenities.filter((a) => a !== v)
                : [...values.amenities, v],
            )
          }
        />
      </StationFormField>

      <Text className="station-edit__section">开放时间</Text>
      <StationFormField
        label="每周开放时间"
        name="weekly"
        required
        error={errors.weekly}
        hint="例如：周一至周五 08:00-18:00；周六、周日 09:00-17:00，或 24小时"
      >
        <StationTextInput multiline value={values.weekly} onChange={(v) => set('weekly', v)} />
      </StationFormField>
      <StationFormField
        label="例外日期"
        name="exceptions"
        error={errors.exceptions}
        hint="例如：2026-10-01至2026-10-07 休息（国庆节）"
      >
        <StationTextInput
          multiline
          value={values.exceptions}
          onChange={(v) => set('exceptions', v)}
          placeholder="没有可不填"
        />
      </StationFormField>
      <StationFormField
        label="开放季节"
        name="season"
        error={errors.season}
        hint="只在每年某段时间开放时填写，例如 06-01至09-30"
      >
        <StationTextInput
          value={values.season}
          onChange={(v) => set('season', v)}
          placeholder="全年开放可不填"
        />
      </StationFormField>
      <View className="staff-field">
        {hours && 'hours' in hours ? (
          <StationHoursPreview hours={hours.hours} />
        ) : hours ? (
          <Text className="station-edit__hours-error">无法预览：{hours.message}</Text>
        ) : null}
      </View>

      <Text className="station-edit__section">其他</Text>
      <StationFormField label="联系电话" name="phone" error={errors.phone}>
        <StationTextInput
          value={values.phone}
          onChange={(v) => set('phone', v)}
          placeholder="手机、座机（0512-58123456）或 400 电话"
        />
      </StationFormField>
      <StationFormField label="最美驿站年份" name="bestYears" error={errors.bestYears}>
        <StationTextInput
          value={values.bestYears}
          onChange={(v) => set('bestYears', v)}
          placeholder="例如 2023、2024"
        />
      </StationFormField>
      <StationFormField
        label="外部编号"
        name="externalId"
        error={errors.externalId}
        hint="来自原有台账系统的编号，批量导入时用于更新而不重复"
      >
        <StationTextInput value={values.externalId} onChange={(v) => set('externalId', v)} maxlength={64} />
      </StationFormField>

      {form.station ? (
        <>
          <Text className="station-edit__section">驿站照片</Text>
          <StaffStationPhotos stationId={form.station.id} />
        </>
      ) : null}

      <View className="station-edit__bar">
        <Button
          className="station-edit__save"
          type="primary"
          size="large"
          block
          loading={form.saving}
          disabled={form.conflict}
          onClick={() => void onSave()}
        >
          {form.station ? '保存修改' : '创建驿站'}
        </Button>
      </View>
    </View>
  );
}
