/** JMH benchmarks of the credential library (see docs/benchmarks.md for how to run them). */
package io.guildmark.credentials.bench;
