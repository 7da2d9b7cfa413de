/**
 * Features and where they come from: {@link dev.routeguide.core.features.Feature}, the indexed
 * {@link dev.routeguide.core.features.FeatureCatalogue} and the JSON
 * {@link dev.routeguide.core.features.FeatureDatabase} reader.
 *
 * <p>Null policy: no method accepts or returns {@code null} unless its javadoc says so; a null
 * argument raises {@link NullPointerException} whose message is the parameter's name.
 */
package dev.routeguide.core.features;
