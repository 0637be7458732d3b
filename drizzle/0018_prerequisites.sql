CREATE TABLE "course_prerequisites" (
	"course_id" varchar NOT NULL,
	"required_course_id" varchar NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "course_prerequisites_pkey" PRIMARY KEY("course_id","required_course_id"),
	CONSTRAINT "course_prerequisites_not_self" CHECK ("course_prerequisites"."course_id" <> "course_prerequisites"."required_course_id")
);
--> statement-breakpoint
CREATE TABLE "prerequisite_exceptions" (
	"course_id" varchar NOT NULL,
	"user_id" varchar NOT NULL,
	"granted_by" varchar,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "prerequisite_exceptions_pkey" PRIMARY KEY("course_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "course_prerequisites" ADD CONSTRAINT "course_prerequisites_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_prerequisites" ADD CONSTRAINT "course_prerequisites_required_course_id_courses_id_fk" FOREIGN KEY ("required_course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prerequisite_exceptions" ADD CONSTRAINT "prerequisite_exceptions_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prerequisite_exceptions" ADD CONSTRAINT "prerequisite_exceptions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prerequisite_exceptions" ADD CONSTRAINT "prerequisite_exceptions_granted_by_users_id_fk" FOREIGN KEY ("granted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_course_prerequisites_required" ON "course_prerequisites" USING btree ("required_course_id");--> statement-breakpoint
CREATE INDEX "idx_prerequisite_exceptions_user_id" ON "prerequisite_exceptions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "idx_prerequisite_exceptions_granted_by" ON "prerequisite_exceptions" USING btree ("granted_by");