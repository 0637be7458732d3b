import { describe, expect, it } from "vitest";
import { serializeJsonLd } from "../../lib/json-ld";
import { courseJsonLd } from "./course-json-ld";
import type { PublicCoursePage } from "./queries";

const page: PublicCoursePage = {
  course: {
    id: "c1",
    slug: "evil-course",
    title: "Evil </script><script>alert(1)</script>",
    description: "Breaks & enters <b>here</b>",
    price: 4900,
    duration: 135,
    difficulty: "ADVANCED",
    published: true,
    featured: false,
    metaTitle: null,
    metaDescription: null,
    imageUrl: "/covers/evil.svg",
    learningObjectives: ["One"],
    prerequisites: [],
    createdAt: new Date("2026-01-01T00:00:00Z"),
    updatedAt: new Date("2026-01-02T00:00:00Z"),
    enrollmentCount: 3,
    ratingCount: 2,
    ratingAverage: "4.50",
    modules: [],
  },
  instructors: [{ id: "u1", name: "Ada", image: null, role: "OWNER" }],
  lessonCount: 0,
  rating: { average: 4.5, count: 2, histogram: [] },
};

describe("courseJsonLd", () => {
  it("describes the course with provider, instructors, offer and rating, with addresses from APP_URL", () => {
    const ld = courseJsonLd(page, {
      appUrl: "https://learn.example",
      currency: "EUR",
      platformName: "AI Whisperers",
    });
    expect(ld).toMatchObject({
      "@type": "Course",
      name: page.course.title,
      url: "https://learn.example/courses/evil-course",
      image: "https://learn.example/covers/evil.svg",
      timeRequired: "PT2H15M",
      provider: { "@type": "Organization", name: "AI Whisperers", url: "https://learn.example" },
      instructor: [{ "@type": "Person", name: "Ada" }],
      offers: { price: "49.00", priceCurrency: "EUR", category: "Paid" },
      aggregateRating: { ratingValue: 4.5, ratingCount: 2, bestRating: 5 },
    });
  });

  it("leaves the rating out while nobody has rated, and is safe to put in a script element", () => {
    const unrated = { ...page, rating: { average: null, count: 0, histogram: [] } };
    const ld = courseJsonLd(unrated, { appUrl: "https://learn.example", currency: "USD", platformName: "X" });
    expect(ld).not.toHaveProperty("aggregateRating");
    const json = serializeJsonLd(ld);
    expect(json.toLowerCase()).not.toContain("</script");
    expect(JSON.parse(json).name).toBe(page.course.title);
  });
});
