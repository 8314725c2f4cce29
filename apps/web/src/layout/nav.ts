import type { Role } from '../auth/session';

/** A link of the main menu: shown to everyone, or only to signed-in users with one of `roles`. */
export interface NavItem {
  path: string;
  /** i18n key, `namespace:key` */
  label: string;
  roles?: Role[];
}
