export type DemoLessonType = "TEXT" | "VIDEO" | "INTERACTIVE" | "ASSIGNMENT" | "QUIZ";
export type DemoDifficulty = "BEGINNER" | "INTERMEDIATE" | "ADVANCED" | "EXPERT";
export interface DemoLesson {
  title: string;
  description: string;
  lessonType: DemoLessonType;
  duration: number;
  content: string;
  videoUrl?: string;
  resourceUrl?: string;
}
export interface DemoModule {
  title: string;
  description: string;
  /** Scheduled release: opens this many days after a student's enrollment (absent: at enrollment). */
  opensAfterDays?: number;
  lessons: DemoLesson[];
}
export interface DemoCourse {
  slug: string;
  title: string;
  description: string;
  difficulty: DemoDifficulty;
  priceCents: number;
  featured: boolean;
  publishedDaysAgo: number;
  metaTitle: string;
  metaDescription: string;
  imageUrl: string;
  learningObjectives: string[];
  prerequisites: string[];
  instructorKey: "ada" | "alan";
  modules: DemoModule[];
}
