import { Cell, CellGroup } from '@nutui/nutui-react-taro';
import { Text } from '@tarojs/components';
import './LinkList.scss';

export interface LinkItem {
  key: string;
  title: string;
  description?: string;
  onClick: () => void;
}

/** A group of tappable rows leading to other pages (role entrances on 我的). */
export function LinkList({ title, items }: { title: string; items: LinkItem[] }) {
  if (items.length === 0) return null;
  return (
    <CellGroup className="link-list" title={title}>
      {items.map((item) => (
        <Cell
          key={item.key}
          className={`link-list__item link-list__item--${item.key}`}
          title={<Text className="link-list__title">{item.title}</Text>}
          description={item.description}
          extra={<Text className="link-list__arrow">›</Text>}
          align="center"
          clickable
          onClick={item.onClick}
        />
      ))}
    </CellGroup>
  );
}
