import { describe, expect, it } from "vitest";
import { catalogHref, isRefined, parseCatalogPageParams, toCatalogQuery } from "./page-params";

describe("the catalog page's address", () => {
  it("reads what the GET form sends: empty fields are 'any', levels in any case, prices in currency units", () => {
    const { params, ignored } = parseCatalogPageParams(
      {
        q: "  prompt design ",
        difficulty: "Beginner",
        price: "",
        min: "19.5",
        max: "80",
        sort: "price_desc",
        limit: "2",
      },
      "USD",
    );
    expect(ignored).toEqual([]);
    expect(params).toEqual({
      q: "prompt design",
      difficulty: "BEGINNER",
      min: "19.5",
      max: "80",
      minPrice: 1950,
      maxPrice: 8000,
      sort: "price_desc",
      limit: 2,
    });
    expect(toCatalogQuery(params)).toEqual({
      q: "prompt design",
      difficulty: "BEGINNER",
      price: undefined,
      minPrice: 1950,
      maxPrice: 8000,
      sort: "price_desc",
      cursor: undefined,
      limit: 2,
    });
  });

  it("drops and names what it cannot understand, instead of failing", () => {
    const { params, ignored } = parseCatalogPageParams(
      {
        difficulty: "wizard",
        price: "cheap",
        min: "-3",
        max: "1e9",
        sort: "random",
        limit: "500",
        cursor: "<script>",
        q: ["a", "b"],
      },
      "USD",
    );
    expect(params).toEqual({});
    expect(ignored.sort()).toEqual(["cursor", "difficulty", "limit", "max", "min", "price", "q", "sort"]);
    expect(toCatalogQuery(params).limit).toBe(12);
  });

  it("turns control characters in the search words into spaces", () => {
    expect(parseCatalogPageParams({ q: "neural\u0000net\nworks\u0007" }, "USD").params).toEqual({
      q: "neural net works",
    });
  });

  it("applies no reversed price range (the page explains it) and ignores relevance without search words", () => {
    expect(parseCatalogPageParams({ min: "90", max: "10", price: "paid" }, "USD")).toMatchObject({
      params: { price: "paid" },
      inverted: { min: "90", max: "10" },
    });
    expect(parseCatalogPageParams({ min: "", q: "rag" }, "USD")).toMatchObject({
      params: { q: "rag" },
      hasEmpty: true,
      inverted: null,
    });
    expect(parseCatalogPageParams({ sort: "relevance" }, "USD").params).toEqual({});
    expect(parseCatalogPageParams({ sort: "relevance", q: "rag" }, "USD").params).toEqual({
      sort: "relevance",
      q: "rag",
    });
  });

  it("writes addresses back, dropping empty and removed values", () => {
    const params = {
      q: "rag & agents",
      difficulty: "ADVANCED" as const,
      max: "50",
      maxPrice: 5000,
      cursor: "abc",
    };
    expect(catalogHref(params)).toBe("/courses?q=rag+%26+agents&difficulty=advanced&max=50&cursor=abc");
    expect(catalogHref(params, { cursor: null, difficulty: null })).toBe("/courses?q=rag+%26+agents&max=50");
    expect(catalogHref({})).toBe("/courses");
    expect(isRefined({})).toBe(false);
    expect(isRefined({ cursor: "x" })).toBe(true);
  });

  it("reads prices in the currency's own minor units, exactly", () => {
    expect(parseCatalogPageParams({ min: "0.1", max: "0,3" }, "USD").params).toMatchObject({
      minPrice: 10,
      maxPrice: 30,
    });
    expect(parseCatalogPageParams({ min: "12.345" }, "USD").ignored).toEqual(["min"]);
    expect(parseCatalogPageParams({ min: "4900" }, "JPY").params).toMatchObject({ minPrice: 4900 });
    expect(parseCatalogPageParams({ min: "12.5" }, "JPY").ignored).toEqual(["min"]);
    expect(parseCatalogPageParams({ max: "1.234" }, "KWD").params).toMatchObject({ maxPrice: 1234 });
  });
});
