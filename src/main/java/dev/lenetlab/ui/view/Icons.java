package dev.lenetlab.ui.view;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;

/** Ikonli icons (Material Design 2) at the workbench's sizes. */
final class Icons {
    private Icons() {}

    static FontIcon of(Ikon ikon) {
        return of(ikon, 16);
    }

    static FontIcon of(Ikon ikon, int size) {
        FontIcon icon = new FontIcon(ikon);
        icon.setIconSize(size);
        icon.getStyleClass().add("icon");
        return icon;
    }
}
