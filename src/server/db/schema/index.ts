export * from "./enums";
export * from "./accounts";
export * from "./catalog";
export * from "./learning";
export * from "./commerce";
export * from "./reviews";
export * from "./platform";
export * from "./assessments";
