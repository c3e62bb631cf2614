import { describe, expect, it, vi } from 'vitest';
import { buttonA11y, linkA11y } from '../../client/src/components/buttonA11y';

const key = (name: string) => ({ key: name, preventDefault: vi.fn(), stopPropagation: vi.fn() });

describe('buttonA11y (what a pressable View or NutUI Button carries)', () => {
  it('is a focusable button, not disabled, that presses on a tap with the tap event', () => {
    const press = vi.fn();
    const props = buttonA11y(press);
    const tapEvent = { stopPropagation: vi.fn() };

    props.onClick(tapEvent);

    expect({ role: props.role, tabIndex: props.tabIndex, disabled: props['aria-disabled'] }).toStrictEqual({
      role: 'button',
      tabIndex: 0,
      disabled: 'false',
    });
    expect(press.mock.calls).toStrictEqual([[tapEvent]]);
  });

  it.each([['Enter'], [' ']])('presses on %j, without the page scrolling', (name) => {
    const press = vi.fn();
    const event = key(name);

    buttonA11y(press).onKeyDown(event);

    expect(press).toHaveBeenCalledTimes(1);
    expect(event.preventDefault).toHaveBeenCalledTimes(1);
  });

  it.each([['Tab'], ['a'], [undefined]])('leaves the key %j to the page', (name) => {
    const press = vi.fn();
    const event = { ...key(''), key: name };

    buttonA11y(press).onKeyDown(event);

    expect(press).not.toHaveBeenCalled();
    expect(event.preventDefault).not.toHaveBeenCalled();
  });

  it('does nothing while disabled (busy sending), by tap or key, and says so', () => {
    const press = vi.fn();
    const props = buttonA11y(press, true);

    props.onClick({});
    props.onKeyDown(key('Enter'));

    expect(props['aria-disabled']).toBe('true');
    expect(props.tabIndex).toBe(0);
    expect(press).not.toHaveBeenCalled();
  });
});

describe('linkA11y (a View that opens another page)', () => {
  it('is a focusable link that opens on a tap or Enter, with no disabled state', () => {
    const open = vi.fn();
    const props = linkA11y(open);

    props.onClick({});
    props.onKeyDown(key('Enter'));

    expect(props.role).toBe('link');
    expect(props.tabIndex).toBe(0);
    expect('aria-disabled' in props).toBe(false);
    expect(open).toHaveBeenCalledTimes(2);
  });
});
