package io.netinsights.assistant.retrieve;

import io.netinsights.assistant.template.Template;

/**
 * How well a template fits a question.
 *
 * @param template the template
 * @param similarity highest cosine similarity of the question to the template's examples and title
 * @param keywordHits how many of the template's keywords the question contains
 * @param score the ranking score: similarity plus a small bonus for keyword hits
 */
public record TemplateMatch(Template template, double similarity, int keywordHits, double score) {}
