import type { Campaign } from '@ankang/shared';
import { Button, Dialog } from '@nutui/nutui-react-taro';
import { Image, Text, View } from '@tarojs/components';
import { useCampaignSignupCode } from '../hooks/useCampaignSignupCode';
import { saveImageLabel } from '../platform/imageSaver';
import './StaffCampaignSignupCode.scss';

export interface StaffCampaignSignupCodeProps {
  /** The campaign whose code is shown; null: the dialog is closed. */
  campaign: Campaign | null;
  onClose: () => void;
}

/**
 * 报名二维码: the mini-program code a union posts at worksites or sends to enterprise contacts;
 * scanning it opens this campaign's worksite sign-up. Saved to the album (weapp) or downloaded (H5)
 * to print or forward.
 */
export function StaffCampaignSignupCode({ campaign, onClose }: StaffCampaignSignupCodeProps) {
  const signupCode = useCampaignSignupCode(campaign?.id ?? null);
  const { code, error } = signupCode;
  return (
    <Dialog
      className="staff-signup-code"
      visible={campaign !== null}
      title="报名二维码"
      hideConfirmButton
      cancelText="关闭"
      onCancel={onClose}
      onClose={() => undefined}
      closeOnOverlayClick={false}
    >
      <View className="staff-signup-code__body">
        {code ? (
          <>
            <Image
              className="staff-signup-code__image"
              src={`data:${code.mimeType};base64,${code.image}`}
              mode="aspectFit"
              showMenuByLongpress
            />
            <Text className="staff-signup-code__caption">扫码报名：{campaign?.title}</Text>
            <Text className="staff-signup-code__hint">
              用微信扫一扫即可为工地报名接受“三送”。可打印张贴，或发送给企业工会联系人。
            </Text>
            <Button
              className="staff-signup-code__save"
              type="primary"
              size="large"
              block
              loading={signupCode.saving}
              disabled={signupCode.saving}
              onClick={() => void signupCode.save()}
            >
              {saveImageLabel}
            </Button>
          </>
        ) : error ? (
          <>
            <Text className="staff-signup-code__error">
              {error.code === 'WECHAT_UNAVAILABLE'
                ? '暂时无法从微信生成报名二维码，请稍后重试。'
                : error.message}
            </Text>
            <Button
              className="staff-signup-code__retry"
              type="primary"
              fill="outline"
              size="large"
              block
              onClick={signupCode.retry}
            >
              重试
            </Button>
          </>
        ) : (
          <Text className="staff-signup-code__loading">正在生成报名二维码…</Text>
        )}
      </View>
    </Dialog>
  );
}
