import { useEffect, useRef, type ReactNode } from "react";

interface PageHeadingProps {
  /** Also used for the document title. */
  title: string;
  /** For `aria-labelledby` on the page's landmark. */
  id?: string;
  children?: ReactNode;
}

/**
 * Renders the page's h1. It takes focus when the page mounts, so that screen
 * reader and keyboard users land at the top of the new page after client-side
 * navigation, as they would after a full page load.
 */
export function PageHeading({ title, id, children }: PageHeadingProps) {
  const ref = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = `${title} · Noticeboard`;
    ref.current?.focus({ preventScroll: false });
  }, [title]);

  return (
    <h1 ref={ref} id={id} tabIndex={-1} className="page-heading">
      {children ?? title}
    </h1>
  );
}
