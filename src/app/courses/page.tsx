import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { ActiveFilters } from "@/components/catalog/active-filters";
import { CatalogFilters } from "@/components/catalog/catalog-filters";
import { CourseGrid } from "@/components/catalog/course-grid";
import { Pagination } from "@/components/catalog/pagination";
import { ButtonLink } from "@/components/ui/button";
import { Container } from "@/components/ui/container";
import { EmptyState } from "@/components/ui/empty-state";
import { currencySymbol, minorDigits } from "@/lib/money";
import { findCatalogCourses, resolveSort } from "@/server/catalog/find-catalog-courses";
import {
  catalogHref,
  isRefined,
  parseCatalogPageParams,
  toCatalogQuery,
  type CatalogPageParams,
} from "@/server/catalog/page-params";
import type { TCatalogPage } from "@/server/catalog/schemas";
import { getReadDb } from "@/server/db";
import { getEnv } from "@/server/env";
import { isAppError } from "@/server/errors";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const DESCRIPTION =
  "Browse every AI Whisperers course: search by topic, filter by level and price, sort by what is new, " +
  "popular or highly rated.";

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const { params } = parseCatalogPageParams(await searchParams, getEnv().currency);
  const { appUrl } = getEnv();
  const title = params.q ? `Courses matching “${params.q}”` : "Course catalog";
  return {
    title,
    description: DESCRIPTION,
    // Filtered, searched and later pages are views of one page: search engines index the catalog itself.
    alternates: { canonical: `${appUrl}/courses` },
    ...(isRefined(params) ? { robots: { index: false, follow: true } } : {}),
    openGraph: {
      type: "website",
      url: `${appUrl}/courses`,
      siteName: "AI Whisperers",
      title: "Course catalog · AI Whisperers",
      description: DESCRIPTION,
    },
  };
}

export default async function CatalogPage({ searchParams }: Props) {
  await connection();
  const { currency } = getEnv();
  const { params, ignored, inverted, hasEmpty } = parseCatalogPageParams(await searchParams, currency);
  // The filters' form sends every field, empty ones and the default order too: the address keeps only what was
  // chosen.
  const defaultSort = params.sort !== undefined && params.sort === resolveSort({ q: params.q });
  if ((hasEmpty || defaultSort) && ignored.length === 0 && !inverted) {
    redirect(catalogHref(params, { sort: defaultSort ? null : params.sort }));
  }
  const db = await getReadDb();
  let page: TCatalogPage;
  let cursorRejected = false;
  try {
    page = await findCatalogCourses(db, toCatalogQuery(params), currency);
  } catch (e) {
    // A stale or altered page link: show the first page of the same search, and say so.
    if (!(isAppError(e) && e.code === "INVALID_INPUT" && params.cursor)) throw e;
    cursorRejected = true;
    delete params.cursor;
    page = await findCatalogCourses(db, toCatalogQuery(params), currency);
  }
  const sort = resolveSort({ sort: params.sort, q: params.q });
  const count = page.items.length;

  return (
    <>
      <section className="bg-gradient-to-b from-brand-900 to-brand-700 text-white">
        <Container className="py-10 sm:py-12">
          <nav aria-label="Breadcrumb" className="text-sm text-brand-100">
            <Link href="/" className="underline-offset-2 hover:underline">
              Home
            </Link>
            <span aria-hidden="true"> / </span>
            <span aria-current="page">Courses</span>
          </nav>
          <h1 className="mt-3 text-3xl font-bold tracking-tight sm:text-4xl">Course catalog</h1>
          <p className="mt-3 max-w-2xl text-lg text-brand-100">
            Find the right course: search by topic, narrow by level and price, and sort by what matters to
            you.
          </p>
        </Container>
      </section>

      <Container className="-mt-6 space-y-6 pb-4">
        <CatalogFilters
          params={params}
          sort={sort}
          currencySymbol={currencySymbol(currency)}
          step={minorDigits(currency) === 0 ? "1" : `0.${"1".padStart(minorDigits(currency), "0")}`}
        />
        {inverted ? (
          <div
            role="alert"
            className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900"
          >
            The price range was not applied: “From” ({currencySymbol(currency)}
            {inverted.min}) is more than “To” ({currencySymbol(currency)}
            {inverted.max}).{" "}
            <Link
              className="font-medium underline"
              href={catalogHref(params, { min: inverted.max, max: inverted.min })}
            >
              Show courses from {currencySymbol(currency)}
              {inverted.max} to {currencySymbol(currency)}
              {inverted.min}
            </Link>
          </div>
        ) : null}
        {ignored.length > 0 || cursorRejected ? (
          <p
            role="status"
            className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900"
          >
            {cursorRejected ? "That page link has expired or was changed, so here is the first page. " : ""}
            {ignored.length > 0
              ? `Some of the address could not be understood and was ignored: ${ignored.join(", ")}.`
              : ""}
          </p>
        ) : null}

        <section aria-labelledby="results-heading" className="space-y-5">
          <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-2">
            <h2 id="results-heading" className="text-xl font-semibold tracking-tight">
              {params.q ? `Results for “${params.q}”` : "All courses"}
            </h2>
            {count > 0 ? (
              <p className="text-sm text-slate-600">
                {count} {count === 1 ? "course" : "courses"}
                {page.nextCursor || params.cursor ? " on this page" : ""}
              </p>
            ) : null}
          </div>
          <ActiveFilters params={params} currency={currency} />
          {count > 0 ? (
            <CourseGrid courses={page.items} currency={currency} labelledBy="results-heading" />
          ) : (
            <NoResults params={params} />
          )}
          <Pagination
            firstHref={params.cursor ? catalogHref(params, { cursor: null }) : undefined}
            nextHref={page.nextCursor ? catalogHref(params, { cursor: page.nextCursor }) : undefined}
          />
        </section>
      </Container>
    </>
  );
}

function NoResults({ params }: { params: CatalogPageParams }) {
  if (params.cursor) {
    return <EmptyState title="No more courses">You have reached the end of this list.</EmptyState>;
  }
  const hasFilters = Boolean(
    params.difficulty || params.price || params.min !== undefined || params.max !== undefined,
  );
  return (
    <EmptyState
      title={params.q ? `No courses match “${params.q}”` : "No courses match these filters"}
      action={
        <div className="flex flex-wrap justify-center gap-3">
          {hasFilters ? (
            <ButtonLink href={catalogHref({ q: params.q, sort: params.sort, limit: params.limit })}>
              Clear filters
            </ButtonLink>
          ) : null}
          <ButtonLink href="/courses" variant="secondary">
            Show all courses
          </ButtonLink>
        </div>
      }
    >
      {hasFilters
        ? "Try fewer filters, a wider price range or other words."
        : "Try other words, or fewer of them. Searches match course titles and descriptions."}
    </EmptyState>
  );
}
