import { Button, type ButtonProps } from 'antd';
import type { MouseEvent } from 'react';
import { useHref, useLinkClickHandler } from 'react-router';

/**
 * A link that looks like a button: one element (an `<a>`), so one tab stop and valid HTML,
 * unlike a Button inside a Link; a plain click navigates in the app, a modified click opens
 * a new tab as links do.
 */
export function LinkButton({ to, ...props }: Omit<ButtonProps, 'href'> & { to: string }) {
  const href = useHref(to);
  const navigate = useLinkClickHandler<HTMLAnchorElement>(to);
  return (
    <Button
      {...props}
      href={href}
      onClick={(event: MouseEvent<HTMLElement>) => {
        props.onClick?.(event);
        if (!event.defaultPrevented) {
          navigate(event as MouseEvent<HTMLAnchorElement>);
        }
      }}
    />
  );
}
