/**
 * Screen-reader role and state for a NutUI Button. On H5 it draws Taro's <taro-button-core>, a
 * custom element with no implicit role, so a screen reader reads a bare text; NutUI hands props it
 * does not know on to that element, but its types do not declare them, hence the plain object.
 */
export function buttonA11y(disabled = false): object {
  return { role: 'button', 'aria-disabled': disabled ? 'true' : 'false' };
}
