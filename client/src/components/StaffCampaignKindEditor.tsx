import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { type CampaignItemRow, type CampaignKindRow, newItemRow } from '../services/staffCampaignForm';
import { StationFormField, StationTextInput } from './StationFormField';
import './StaffCampaignKindEditor.scss';

export interface StaffCampaignKindEditorProps {
  kind: CampaignKindRow;
  index: number;
  errors: Record<string, string | undefined>;
  /** The kind as edited, and the error keys the edit makes stale. */
  onChange: (kind: CampaignKindRow, clear: string[]) => void;
  /** Absent when this is the only kind (a campaign needs one). */
  onRemove?: () => void;
}

/**
 * One delivery kind (送清凉 …) and its catalog: name, unit and optional unit cost in 元 per item.
 * Codes are filled in automatically (kind1, item1 …); staff may set their own, and should keep them
 * once sign-ups exist, since sign-ups and deliveries refer to items by code.
 */
export function StaffCampaignKindEditor({
  kind,
  index,
  errors,
  onChange,
  onRemove,
}: StaffCampaignKindEditorProps) {
  const at = `kinds.${index}`;
  const setItem = (j: number, field: keyof Omit<CampaignItemRow, 'key'>, value: string) =>
    onChange(
      { ...kind, items: kind.items.map((item, k) => (k === j ? { ...item, [field]: value } : item)) },
      [`${at}.items.${j}.${field}`, `${at}.items`],
    );
  return (
    <View className={`staff-kind staff-kind--${index}`}>
      <View className="staff-kind__head">
        <Text className="staff-kind__title">类别 {index + 1}</Text>
        {onRemove ? (
          <Text className="staff-kind__remove" onClick={onRemove}>
            删除此类别
          </Text>
        ) : null}
      </View>
      <View className="staff-kind__pair">
        <StationFormField label="类别名称" name={`kind-name-${index}`} required error={errors[`${at}.name`]}>
          <StationTextInput
            value={kind.name}
            onChange={(v) => onChange({ ...kind, name: v }, [`${at}.name`])}
            placeholder="例如 送清凉"
            maxlength={10}
          />
        </StationFormField>
        <StationFormField label="编码" name={`kind-code-${index}`} error={errors[`${at}.code`]}>
          <StationTextInput
            value={kind.code}
            onChange={(v) => onChange({ ...kind, code: v.trim().toLowerCase() }, [`${at}.code`])}
            placeholder="自动生成"
            maxlength={32}
          />
        </StationFormField>
      </View>
      {kind.items.map((item, j) => {
        const itemAt = `${at}.items.${j}`;
        return (
          <View key={item.key} className={`staff-kind__item staff-kind__item--${j}`}>
            <View className="staff-kind__item-head">
              <Text className="staff-kind__item-title">物资或服务 {j + 1}</Text>
              {kind.items.length > 1 ? (
                <Text
                  className="staff-kind__remove"
                  onClick={() =>
                    onChange({ ...kind, items: kind.items.filter((_, k) => k !== j) }, [
                      `${at}.items`,
                      `${at}.items.`,
                    ])
                  }
                >
                  删除
                </Text>
              ) : null}
            </View>
            <StationFormField
              label="名称"
              name={`item-name-${index}-${j}`}
              required
              error={errors[`${itemAt}.name`]}
            >
              <StationTextInput
                value={item.name}
                onChange={(v) => setItem(j, 'name', v)}
                placeholder="例如 矿泉水、藿香正气水、健康体检"
                maxlength={20}
              />
            </StationFormField>
            <View className="staff-kind__pair">
              <StationFormField
                label="单位"
                name={`item-unit-${index}-${j}`}
                required
                error={errors[`${itemAt}.unit`]}
              >
                <StationTextInput
                  value={item.unit}
                  onChange={(v) => setItem(j, 'unit', v)}
                  placeholder="箱、盒、人次"
                  maxlength={6}
                />
              </StationFormField>
              <StationFormField
                label="单价（元）"
                name={`item-cost-${index}-${j}`}
                error={errors[`${itemAt}.cost`]}
              >
                <StationTextInput
                  value={item.cost}
                  onChange={(v) => setItem(j, 'cost', v)}
                  type="digit"
                  placeholder="可不填，如 2.50"
                  maxlength={10}
                />
              </StationFormField>
            </View>
            <StationFormField label="编码" name={`item-code-${index}-${j}`} error={errors[`${itemAt}.code`]}>
              <StationTextInput
                value={item.code}
                onChange={(v) => setItem(j, 'code', v.trim().toLowerCase())}
                placeholder="自动生成"
                maxlength={32}
              />
            </StationFormField>
          </View>
        );
      })}
      {errors[`${at}.items`] ? <Text className="staff-kind__error">{errors[`${at}.items`]}</Text> : null}
      <View className="staff-kind__add">
        <Button
          size="normal"
          type="primary"
          fill="outline"
          onClick={() => onChange({ ...kind, items: [...kind.items, newItemRow(kind)] }, [`${at}.items`])}
        >
          添加物资或服务
        </Button>
      </View>
    </View>
  );
}
