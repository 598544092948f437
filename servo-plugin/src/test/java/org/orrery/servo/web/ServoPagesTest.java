package org.orrery.servo.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orrery.servo.web.ServoRig.near;
import static org.orrery.servo.web.ServoRig.pixel;

import org.junit.jupiter.api.Test;
import org.orrery.servo.surface.GoldenImage;

/**
 * Pages drawn by Servo through the bridge into a view's frames: text, CSS flex and grid, SVG and a
 * canvas drawn by script. Each is checked twice: colours at places the page puts them (which fail
 * if Servo or the bridge's read-back is wrong: a flipped image, swapped channels, an empty frame),
 * and against a stored image within a tolerance ({@code src/test/resources/golden/servo-*.png}).
 */
class ServoPagesTest {

    private static final int W = 400;
    private static final int H = 300;
    private static final String BODY = "<style>html,body{margin:0;background:#fff;font-family:'DejaVu Sans';}</style>";

    @Test
    void textIsDrawnWhereThePagePutsIt() throws Exception {
        int[] frame = draw("text", BODY
                + "<div style='position:absolute;left:20px;top:20px;font-size:40px;color:#000'>Orrery</div>"
                + "<div style='position:absolute;left:20px;top:120px;font-size:16px;color:#c00'>frames under 16 ms</div>");
        assertThat(dark(frame, 20, 20, 200, 70)).as("dark pixels of the 40 px title").isGreaterThan(500);
        assertThat(dark(frame, 20, 200, 380, 290)).as("dark pixels below the text").isZero();
        assertThat(near(pixel(frame, W, 390, 290), 0xFFFFFF, 0)).as("the white page").isTrue();
    }

    @Test
    void flexAndGridBoxesLandInTheirCells() throws Exception {
        int[] frame = draw("layout", BODY
                + "<div style='display:flex;height:100px'>"
                + "<div style='flex:1;background:#ff0000'></div><div style='flex:2;background:#00ff00'></div>"
                + "<div style='flex:1;background:#0000ff'></div></div>"
                + "<div style='display:grid;grid-template-columns:1fr 3fr;grid-template-rows:100px 100px'>"
                + "<div style='background:#ffff00'></div><div style='background:#00ffff'></div>"
                + "<div style='background:#ff00ff'></div><div style='background:#000000'></div></div>");
        // Flex: 100, 200 and 100 px wide.
        assertThat(near(pixel(frame, W, 50, 50), 0xFF0000, 1)).as("first flex item").isTrue();
        assertThat(near(pixel(frame, W, 200, 50), 0x00FF00, 1)).as("second, twice as wide").isTrue();
        assertThat(near(pixel(frame, W, 299, 50), 0x00FF00, 1)).as("second ends at 300").isTrue();
        assertThat(near(pixel(frame, W, 301, 50), 0x0000FF, 1)).as("third").isTrue();
        // Grid: columns 100 and 300 px, rows 100 px, below the flex row.
        assertThat(near(pixel(frame, W, 50, 150), 0xFFFF00, 1)).as("grid cell 1,1").isTrue();
        assertThat(near(pixel(frame, W, 250, 150), 0x00FFFF, 1)).as("grid cell 1,2").isTrue();
        assertThat(near(pixel(frame, W, 50, 250), 0xFF00FF, 1)).as("grid cell 2,1").isTrue();
        assertThat(near(pixel(frame, W, 250, 250), 0x000000, 1)).as("grid cell 2,2").isTrue();
    }

    @Test
    void svgShapesAreDrawn() throws Exception {
        int[] frame = draw("svg", BODY
                + "<svg width='400' height='300' style='display:block'>"
                + "<circle cx='100' cy='150' r='60' fill='#e00000'/>"
                + "<rect x='250' y='50' width='100' height='200' fill='#0000e0'/>"
                + "<polyline points='0,0 400,300' stroke='#00a000' stroke-width='3' fill='none'/></svg>");
        assertThat(near(pixel(frame, W, 100, 150 - 40), 0xE00000, 2)).as("inside the circle").isTrue();
        assertThat(near(pixel(frame, W, 100 + 58, 150 - 58), 0xFFFFFF, 2)).as("outside the circle, inside its box").isTrue();
        assertThat(near(pixel(frame, W, 300, 60), 0x0000E0, 2)).as("the rectangle").isTrue();
        assertThat(near(pixel(frame, W, 380, 285), 0x00A000, 60)).as("the line at its end").isTrue();
    }

    @Test
    void aCanvasDrawnByScriptShows() throws Exception {
        int[] frame = draw("canvas", BODY
                + "<canvas id='c' width='400' height='300' style='display:block'></canvas><script>"
                + "const g = document.getElementById('c').getContext('2d');"
                + "g.fillStyle = '#102030'; g.fillRect(0, 0, 400, 300);"
                + "for (let i = 0; i < 8; i++) { g.fillStyle = 'rgb(' + (i * 32) + ',128,' + (255 - i * 32) + ')';"
                + "  g.fillRect(i * 50, 200, 50, 100); }"
                + "g.beginPath(); g.arc(200, 100, 50, 0, 2 * Math.PI); g.fillStyle = '#ffcc00'; g.fill();"
                + "</script>");
        assertThat(near(pixel(frame, W, 10, 10), 0x102030, 1)).as("the canvas background").isTrue();
        for (int i = 0; i < 8; i++) {
            int rgb = (i * 32) << 16 | 128 << 8 | (255 - i * 32);
            assertThat(near(pixel(frame, W, i * 50 + 25, 250), rgb, 1)).as("bar %d", i).isTrue();
        }
        assertThat(near(pixel(frame, W, 200, 100), 0xFFCC00, 1)).as("the disc's centre").isTrue();
    }

    private static int[] draw(String name, String html) throws Exception {
        ServoView view = ServoRig.page("<!doctype html><html><body>" + html + "</body></html>", W, H);
        try {
            int[] frame = ServoRig.settledFrame(view, 400);
            assertThat(frame).as("frame size").hasSize(W * H);
            GoldenImage.check("servo-" + name, frame, W, H);
            return frame;
        } finally {
            view.close();
        }
    }

    /** Pixels in the box that are clearly darker than the white page. */
    private static int dark(int[] frame, int x0, int y0, int x1, int y1) {
        int count = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int p = pixel(frame, W, x, y);
                int luma = ((p >> 16 & 0xFF) + (p >> 8 & 0xFF) + (p & 0xFF)) / 3;
                if (luma < 128) {
                    count++;
                }
            }
        }
        return count;
    }
}
