/** The part of a tap or key event a press reads (Taro's event on either platform). */
export interface PressEvent {
  stopPropagation?: () => void;
}

/** The part of a keyboard event the helpers read (Taro's H5 event; the mini-program sends none). */
interface KeyPress extends PressEvent {
  key?: string;
  preventDefault?: () => void;
}

/**
 * What a pressable element carries: its role, a place in the keyboard order, and the press on tap,
 * Enter or Space. Typed, so a spread that clashes with the element's own props is caught.
 */
export interface PressProps {
  role: 'button' | 'link';
  tabIndex: number;
  'aria-disabled'?: 'true' | 'false';
  onClick: (event: PressEvent) => void;
  onKeyDown: (event: KeyPress) => void;
}

/** The keys that work a link or button from the keyboard. */
const activationKeys = new Set(['Enter', ' ']);

/**
 * One pressable thing: on H5 it takes keyboard focus (tabIndex, in the page's order) and presses on
 * Enter or Space as a real button or link would; the mini-program has no keyboard focus and ignores
 * both. A disabled one stays in the order (a screen reader still finds it) but does nothing.
 */
function pressable(
  role: PressProps['role'],
  press: (event: PressEvent) => void,
  disabled: boolean,
): PressProps {
  const act = (event: PressEvent) => {
    if (!disabled) press(event);
  };
  return {
    role,
    tabIndex: 0,
    onClick: act,
    onKeyDown: (event) => {
      if (!event.key || !activationKeys.has(event.key)) return;
      // Space would scroll the page as well.
      event.preventDefault?.();
      act(event);
    },
  };
}

/**
 * A button for screen readers and the keyboard: a NutUI Button (on H5 Taro draws it as
 * <taro-button-core>, a custom element with no implicit role or focus; NutUI hands the props on to
 * it) or a View that acts. Spread it in place of `onClick`; `disabled` when the button would not act
 * (disabled, or busy sending).
 */
export function buttonA11y(press: (event: PressEvent) => void, disabled = false): PressProps {
  return { ...pressable('button', press, disabled), 'aria-disabled': disabled ? 'true' : 'false' };
}

/** A View that opens another page (`role="link"`), as `buttonA11y`. Spread it in place of `onClick`. */
export function linkA11y(open: () => void): PressProps {
  return pressable('link', open, false);
}
