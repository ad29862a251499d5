'use client';

import { type ReactNode, useEffect, useRef, useState } from 'react';

/**
 * A table wider than the screen scrolls inside this named box, never the page. While it does scroll, the
 * box is a tab stop, so a keyboard user can reach it and scroll it with the arrow keys.
 */
export function TableScroll({
  labelledBy,
  label,
  children,
}: {
  labelledBy?: string;
  label?: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const box = ref.current;
    if (!box) return;
    const measure = () => setScrolls(box.scrollWidth > box.clientWidth);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    if (box.firstElementChild) observer.observe(box.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return (
    <section
      ref={ref}
      className="table-scroll"
      aria-labelledby={labelledBy}
      aria-label={label}
      tabIndex={scrolls ? 0 : undefined}
    >
      {children}
    </section>
  );
}
