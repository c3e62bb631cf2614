import { Cell, CellGroup } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { linkA11y } from './buttonA11y';
import './LinkList.scss';

export interface LinkItem {
  key: string;
  title: string;
  description?: string;
  onClick: () => void;
}

/**
 * A group of tappable rows leading to other pages (role entrances on 我的). Each row is a link for
 * screen readers and the keyboard: NutUI's Cell passes no role or key handler on to what it draws,
 * so a View around it carries them (and the tap), and tells the Cell which row is last itself.
 */
export function LinkList({ title, items }: { title: string; items: LinkItem[] }) {
  if (items.length === 0) return null;
  return (
    <CellGroup className="link-list" title={title}>
      {items.map((item, index) => (
        <View
          key={item.key}
          className={`link-list__item link-list__item--${item.key}`}
          {...linkA11y(item.onClick)}
        >
          <Cell
            title={<Text className="link-list__title">{item.title}</Text>}
            description={item.description}
            extra={<Text className="link-list__arrow">›</Text>}
            align="center"
            clickable
            isLast={index === items.length - 1}
          />
        </View>
      ))}
    </CellGroup>
  );
}
