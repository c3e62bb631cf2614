import { Text, View } from '@tarojs/components';
import { OrgCard } from '../../components/OrgCard';
import { PrivacyPopup } from '../../components/PrivacyPopup';
import { StateView } from '../../components/StateView';
import { useAccount } from '../../hooks/useAccount';
import { usePrivacyRequest } from '../../hooks/usePrivacyRequest';
import './index.scss';

/** 驿站 tab: the station finder arrives in a later release; until then, say so plainly. */
export default function StationsPage() {
  const { me } = useAccount();
  const privacy = usePrivacyRequest();

  return (
    <View className="page stations-page">
      <StateView
        tone="info"
        title="附近驿站查找即将上线"
        description={
          <Text>
            上线后可按距离查找开放中的户外劳动者服务站，查看饮水、空调、卫生间、充电等服务，并一键导航前往。
          </Text>
        }
      />
      {me?.org ? <OrgCard org={me.org} title="您所在的工会" /> : null}
      <View className="stations-page__note">
        <Text>暑期高温时段请注意防暑降温，感到不适请及时到阴凉处休息。</Text>
      </View>
      <PrivacyPopup visible={privacy.visible} onAgree={privacy.agree} onRefuse={privacy.refuse} />
    </View>
  );
}
