package dev.cairn.ui.elementtemplates;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the journey library's element templates at {@code /element-templates/cairn.json}, so
 * whoever draws journeys in Camunda Desktop Modeler downloads the palette from the Cairn they
 * publish to, in the version it runs. Open without a login, like the API description: the file is
 * part of the open-source distribution and holds nothing of the installation.
 */
@Configuration
class ElementTemplateFiles implements WebMvcConfigurer {

  @Override
  public void addResourceHandlers(ResourceHandlerRegistry registry) {
    registry
        .addResourceHandler("/element-templates/**")
        .addResourceLocations("classpath:/cairn/element-templates/");
  }
}
