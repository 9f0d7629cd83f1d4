/**
 * What a host platform implements to plug its tenants and administrators into the voice plugin.
 * See the README section "Plugging in your tenants and admins".
 */
package dev.voiceplugin.api.spi;
