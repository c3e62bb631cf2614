/**
 * Screen-reader role and state for a NutUI Button. On H5 it draws Taro's <taro-button-core>, a
 * custom element with no implicit role, so a screen reader reads a bare text; NutUI hands props it
 * does not know on to that element, but its types do not declare them, hence the plain object.
 */
export function buttonA11y(disabled = false): object {
  return { role: 'button', 'aria-disabled': disabled ? 'true' : 'false' };
}

/** The keys that work a link or button from the keyboard. */
const activationKeys = new Set(['Enter', ' ']);

/**
 * A View that opens another page (`role="link"`): on H5 it takes keyboard focus (tabIndex, in the
 * page's order) and opens on Enter or Space, as a real link would. The mini-program has no keyboard
 * focus and ignores both. Spread it in place of `onClick`.
 */
export function linkA11y(open: () => void): object {
  return {
    role: 'link',
    tabIndex: 0,
    onClick: open,
    onKeyDown: (event: { key?: string; preventDefault?: () => void }) => {
      if (!event.key || !activationKeys.has(event.key)) return;
      // Space would scroll the page as well.
      event.preventDefault?.();
      open();
    },
  };
}
