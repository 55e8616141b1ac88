/** How a course is named on screen: its title and, when it has one, its term ("Redes Neurais · 2026.2"). */
export function courseLabel(course: { title: string; term: string }): string {
  return course.term ? `${course.title} · ${course.term}` : course.title;
}
