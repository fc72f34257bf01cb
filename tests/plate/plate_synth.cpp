/*
 * Test helper: synthetic licence plates (see plate_synth.h).
 *
 * Plates are drawn flat at twice their final size (text rendered with
 * FreeType, then squeezed horizontally into the plate's text box the way
 * plate fonts are narrow), shrunk with area averaging, then warped into the
 * scene with a rotation and a perspective. Everything is deterministic for
 * a given seed.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include "plate_synth.h"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>

#include <opencv2/freetype.hpp>
#include <opencv2/imgproc.hpp>

namespace
{

const char *const FONT_DIN = "/usr/share/fonts/truetype/opendin/OSP-DIN.ttf";
const char *const FONT_ROBOTO =
    "/usr/share/fonts/truetype/roboto/unhinted/RobotoCondensed-Bold.ttf";
const char *const FONT_DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed-Bold.ttf";

struct fonts {
    cv::Ptr<cv::freetype::FreeType2> din, roboto, dejavu;
    bool ok = false;
};

fonts &get_fonts()
{
    static fonts f;
    static bool tried = false;
    if (!tried) {
        tried = true;
        try {
            f.din = cv::freetype::createFreeType2();
            f.din->loadFontData(FONT_DIN, 0);
            f.roboto = cv::freetype::createFreeType2();
            f.roboto->loadFontData(FONT_ROBOTO, 0);
            f.dejavu = cv::freetype::createFreeType2();
            f.dejavu->loadFontData(FONT_DEJAVU, 0);
            f.ok = true;
        } catch (...) {
            f.ok = false;
        }
    }
    return f;
}

/* Small deterministic generator (xorshift32). */
struct rng {
    uint32_t s;
    explicit rng(uint32_t seed) : s(seed ? seed : 0x9e3779b9u) {}
    uint32_t next()
    {
        s ^= s << 13;
        s ^= s >> 17;
        s ^= s << 5;
        return s;
    }
    double uniform(double lo, double hi)
    {
        return lo + (hi - lo) * (next() / 4294967296.0);
    }
    int range(int lo, int hi)
    {
        return lo + (int)(next() % (uint32_t)(hi - lo + 1));
    }
};

/* Text drawn into `box` of `img`: rendered at its natural size, then
 * squeezed or stretched into the box (keeping at most the box's width),
 * colour `ink`. */
void text_in_box(cv::Mat &img, const cv::Rect &box, const std::string &text,
                 cv::freetype::FreeType2 &font, const cv::Scalar &ink, double max_stretch = 1.0)
{
    if (text.empty() || box.width < 2 || box.height < 2)
        return;
    int h = 200;
    int baseline = 0;
    cv::Size size = font.getTextSize(text, h, -1, &baseline);
    /* Generous margins: where FreeType puts the glyphs relative to the
     * origin varies by font; the ink is cropped below. */
    cv::Mat canvas(size.height + 3 * h, size.width + 2 * h, CV_8UC3, cv::Scalar::all(0));
    font.putText(canvas, text, cv::Point(h, h + size.height), h, cv::Scalar::all(255), -1,
                 cv::LINE_AA, true);
    cv::Mat mask;
    cv::extractChannel(canvas, mask, 0);
    /* Crop to the ink. */
    std::vector<cv::Point> pts;
    cv::findNonZero(mask, pts);
    if (pts.empty())
        return;
    cv::Rect ink_box = cv::boundingRect(pts);
    cv::Mat glyphs = mask(ink_box);
    double scale_y = (double)box.height / glyphs.rows;
    double natural_w = glyphs.cols * scale_y;
    int w = (int)std::min<double>(box.width, natural_w * max_stretch);
    cv::Mat fitted;
    cv::resize(glyphs, fitted, cv::Size(std::max(1, w), box.height), 0, 0, cv::INTER_AREA);
    cv::Rect target(box.x + (box.width - w) / 2, box.y, fitted.cols, fitted.rows);
    target &= cv::Rect(0, 0, img.cols, img.rows);
    cv::Mat roi = img(target);
    cv::Mat alpha = fitted(cv::Rect(0, 0, target.width, target.height));
    for (int y = 0; y < roi.rows; y++) {
        for (int x = 0; x < roi.cols; x++) {
            double a = alpha.at<uint8_t>(y, x) / 255.0;
            cv::Vec3b &p = roi.at<cv::Vec3b>(y, x);
            for (int c = 0; c < 3; c++)
                p[c] = cv::saturate_cast<uint8_t>(p[c] * (1 - a) + ink[c] * a);
        }
    }
}

/* The flat plate, `width` pixels wide. */
cv::Mat render_flat(const synth_plate *plate, int width)
{
    fonts &f = get_fonts();
    std::string text = plate->text ? plate->text : "";
    int W = width;
    switch (plate->layout) {
    case SYNTH_US: {
        int H = W / 2;
        cv::Mat img(H, W, CV_8UC3, cv::Scalar(238, 238, 236));
        cv::rectangle(img, cv::Rect(0, 0, W, H), cv::Scalar(90, 40, 20), std::max(2, W / 80));
        text_in_box(img, cv::Rect(W * 30 / 100, H * 5 / 100, W * 40 / 100, H * 13 / 100),
                    "California", *f.dejavu, cv::Scalar(40, 30, 190));
        text_in_box(img, cv::Rect(W * 6 / 100, H * 27 / 100, W * 88 / 100, H * 50 / 100), text,
                    *f.roboto, cv::Scalar(110, 40, 20));
        return img;
    }
    case SYNTH_EU: {
        int H = W * 110 / 520;
        cv::Mat img(H, W, CV_8UC3, cv::Scalar(245, 245, 245));
        int band = W * 8 / 100;
        cv::rectangle(img, cv::Rect(0, 0, band, H), cv::Scalar(150, 50, 0), cv::FILLED);
        text_in_box(img, cv::Rect(band / 5, H * 62 / 100, band * 3 / 5, H * 26 / 100), "SK",
                    *f.dejavu, cv::Scalar(255, 255, 255));
        cv::rectangle(img, cv::Rect(0, 0, W, H), cv::Scalar(20, 20, 20), std::max(2, W / 150));
        text_in_box(
            img, cv::Rect(band + W * 3 / 100, H * 14 / 100, W - band - W * 6 / 100, H * 72 / 100),
            text, *f.din, cv::Scalar(15, 15, 15));
        return img;
    }
    case SYNTH_BR: {
        int H = W * 130 / 400;
        cv::Mat img(H, W, CV_8UC3, cv::Scalar(175, 178, 180));
        cv::rectangle(img, cv::Rect(0, 0, W, H), cv::Scalar(25, 25, 25), std::max(2, W / 120));
        text_in_box(img, cv::Rect(W * 25 / 100, H * 6 / 100, W * 50 / 100, H * 15 / 100),
                    "SP - SAO PAULO", *f.dejavu, cv::Scalar(25, 25, 25));
        text_in_box(img, cv::Rect(W * 5 / 100, H * 30 / 100, W * 90 / 100, H * 58 / 100), text,
                    *f.din, cv::Scalar(20, 20, 20));
        return img;
    }
    default: { /* Mercosur */
        int H = W * 130 / 400;
        cv::Mat img(H, W, CV_8UC3, cv::Scalar(245, 245, 245));
        cv::rectangle(img, cv::Rect(0, 0, W, H * 22 / 100), cv::Scalar(160, 60, 0), cv::FILLED);
        text_in_box(img, cv::Rect(W * 38 / 100, H * 4 / 100, W * 24 / 100, H * 14 / 100), "BRASIL",
                    *f.dejavu, cv::Scalar(255, 255, 255));
        cv::rectangle(img, cv::Rect(0, 0, W, H), cv::Scalar(25, 25, 25), std::max(2, W / 120));
        text_in_box(img, cv::Rect(W * 6 / 100, H * 32 / 100, W * 88 / 100, H * 58 / 100), text,
                    *f.din, cv::Scalar(20, 20, 20));
        return img;
    }
    }
}

void draw_car(cv::Mat &scene, const synth_plate *plate)
{
    rng r(plate->seed * 2654435761u + 17);
    double pw = plate->width;
    cv::Scalar body(r.range(20, 220), r.range(20, 220), r.range(20, 220));
    cv::Rect car((int)(plate->cx - 1.7 * pw), (int)(plate->cy - 1.1 * pw), (int)(3.4 * pw),
                 (int)(1.5 * pw));
    cv::rectangle(scene, car, body, cv::FILLED, cv::LINE_AA);
    /* windscreen, grille bars, lights */
    cv::Rect glass(car.x + car.width / 8, car.y + car.height / 12, car.width * 3 / 4,
                   car.height / 3);
    cv::rectangle(scene, glass, cv::Scalar(70, 60, 50), cv::FILLED, cv::LINE_AA);
    for (int i = 0; i < 4; i++) {
        int y = (int)(plate->cy - 0.55 * pw + i * 0.07 * pw);
        cv::line(scene, cv::Point((int)(plate->cx - 0.6 * pw), y),
                 cv::Point((int)(plate->cx + 0.6 * pw), y), body * 0.4,
                 std::max(1, (int)(pw / 50)));
    }
    cv::Scalar light(210, 230, 240);
    cv::rectangle(scene,
                  cv::Rect((int)(plate->cx - 1.55 * pw), (int)(plate->cy - 0.6 * pw),
                           (int)(0.5 * pw), (int)(0.22 * pw)),
                  light, cv::FILLED);
    cv::rectangle(scene,
                  cv::Rect((int)(plate->cx + 1.05 * pw), (int)(plate->cy - 0.6 * pw),
                           (int)(0.5 * pw), (int)(0.22 * pw)),
                  light, cv::FILLED);
}

} // namespace

extern "C" int synth_fonts_available(void)
{
    return get_fonts().ok ? 0 : -1;
}

extern "C" void synth_background(uint8_t *bgr, int width, int height, size_t stride, int busy,
                                 uint32_t seed)
{
    cv::Mat img(height, width, CV_8UC3, bgr, stride);
    rng r(seed);
    /* a road: grey gradient, darker at the bottom */
    for (int y = 0; y < height; y++) {
        int v = 120 - 40 * y / std::max(1, height);
        img.row(y).setTo(cv::Scalar(v + 5, v + 3, v));
    }
    if (!busy)
        return;
    for (int i = 0; i < 60; i++) {
        cv::Scalar c(r.range(0, 255), r.range(0, 255), r.range(0, 255));
        int x = r.range(0, width - 1), y = r.range(0, height - 1);
        switch (r.range(0, 3)) {
        case 0:
            cv::rectangle(img, cv::Rect(x, y, r.range(10, width / 4), r.range(10, height / 4)), c,
                          cv::FILLED);
            break;
        case 1:
            cv::line(img, cv::Point(x, y), cv::Point(r.range(0, width - 1), r.range(0, height - 1)),
                     c, r.range(1, 6));
            break;
        case 2:
            cv::circle(img, cv::Point(x, y), r.range(5, height / 6), c, cv::FILLED);
            break;
        default: /* stripes, like a fence or a building */
            for (int k = 0; k < 8; k++)
                cv::line(img, cv::Point(x + k * 9, y), cv::Point(x + k * 9, y + height / 5), c, 3);
            break;
        }
    }
}

extern "C" int synth_draw_plate(uint8_t *bgr, int width, int height, size_t stride,
                                const synth_plate *plate, int *box)
{
    if (!get_fonts().ok || plate->width < 8)
        return -1;
    try {
        cv::Mat scene(height, width, CV_8UC3, bgr, stride);
        if (plate->car)
            draw_car(scene, plate);
        if (!plate->text) { /* a car without a plate */
            if (box)
                box[0] = box[1] = box[2] = box[3] = 0;
            return 0;
        }
        int big = std::max(240, (int)(plate->width * 2));
        cv::Mat flat_big = render_flat(plate, big);
        int fw = (int)std::lround(plate->width);
        int fh = std::max(4, (int)std::lround(plate->width * flat_big.rows / flat_big.cols));
        cv::Mat flat;
        cv::resize(flat_big, flat, cv::Size(fw, fh), 0, 0, cv::INTER_AREA);

        /* Corners: shrink one side for perspective, rotate about the centre. */
        double p = plate->perspective;
        double hl = fh * (p < 0 ? 1 + p : 1.0) / 2, hr = fh * (p > 0 ? 1 - p : 1.0) / 2;
        double hw = fw / 2.0;
        cv::Point2f local[4] = {
            cv::Point2f((float)-hw, (float)-hl), cv::Point2f((float)hw, (float)-hr),
            cv::Point2f((float)hw, (float)hr), cv::Point2f((float)-hw, (float)hl)};
        double a = plate->rotation * CV_PI / 180.0;
        cv::Point2f dst[4];
        for (int i = 0; i < 4; i++) {
            double x = local[i].x * std::cos(a) - local[i].y * std::sin(a);
            double y = local[i].x * std::sin(a) + local[i].y * std::cos(a);
            dst[i] = cv::Point2f((float)(plate->cx + x), (float)(plate->cy + y));
        }
        cv::Point2f src[4] = {cv::Point2f(0, 0), cv::Point2f((float)fw, 0),
                              cv::Point2f((float)fw, (float)fh), cv::Point2f(0, (float)fh)};
        /* Warp into the plate's bounding box only (video tests draw many frames). */
        std::vector<cv::Point2f> corner_list(dst, dst + 4);
        cv::Rect area = cv::boundingRect(corner_list);
        area.x -= 2;
        area.y -= 2;
        area.width += 4;
        area.height += 4;
        area &= cv::Rect(0, 0, width, height);
        if (area.width <= 0 || area.height <= 0)
            return box ? (box[0] = box[1] = box[2] = box[3] = 0) : 0;
        cv::Point2f shifted[4];
        for (int i = 0; i < 4; i++)
            shifted[i] = dst[i] - cv::Point2f((float)area.x, (float)area.y);
        cv::Mat m = cv::getPerspectiveTransform(src, shifted);
        cv::Mat warped, mask;
        cv::warpPerspective(flat, warped, m, area.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT);
        cv::Mat ones(fh, fw, CV_8UC1, cv::Scalar(255));
        cv::warpPerspective(ones, mask, m, area.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT);
        cv::Mat part = scene(area);
        for (int y = 0; y < area.height; y++) {
            const uint8_t *mrow = mask.ptr<uint8_t>(y);
            const cv::Vec3b *wrow = warped.ptr<cv::Vec3b>(y);
            cv::Vec3b *srow = part.ptr<cv::Vec3b>(y);
            for (int x = 0; x < area.width; x++) {
                if (!mrow[x])
                    continue;
                double al = mrow[x] / 255.0;
                for (int c = 0; c < 3; c++)
                    srow[x][c] =
                        cv::saturate_cast<uint8_t>(srow[x][c] * (1 - al) + wrow[x][c] * al);
            }
        }
        if (box) {
            std::vector<cv::Point2f> pts(dst, dst + 4);
            cv::Rect b = cv::boundingRect(pts);
            box[0] = b.x;
            box[1] = b.y;
            box[2] = b.width;
            box[3] = b.height;
        }
        return 0;
    } catch (const std::exception &e) {
        fprintf(stderr, "synth_draw_plate: %s\n", e.what());
        return -1;
    } catch (...) {
        return -1;
    }
}

extern "C" void synth_degrade(uint8_t *bgr, int width, int height, size_t stride, double blur_sigma,
                              double noise_sigma, double uneven_light, uint32_t seed)
{
    cv::Mat img(height, width, CV_8UC3, bgr, stride);
    if (blur_sigma > 0)
        cv::GaussianBlur(img, img, cv::Size(0, 0), blur_sigma);
    if (uneven_light > 0) {
        for (int y = 0; y < height; y++) {
            cv::Vec3b *row = img.ptr<cv::Vec3b>(y);
            for (int x = 0; x < width; x++) {
                double t = 0.5 * ((double)x / width + (double)y / height);
                double g = 1.0 - uneven_light * t;
                for (int c = 0; c < 3; c++)
                    row[x][c] = cv::saturate_cast<uint8_t>(row[x][c] * g);
            }
        }
    }
    if (noise_sigma > 0) {
        cv::RNG r(seed);
        cv::Mat noise(height, width, CV_16SC3);
        r.fill(noise, cv::RNG::NORMAL, cv::Scalar::all(0), cv::Scalar::all(noise_sigma));
        cv::Mat sum;
        img.convertTo(sum, CV_16SC3);
        sum += noise;
        sum.convertTo(img, CV_8UC3);
    }
}

extern "C" void synth_expected(char *out, const char *text)
{
    size_t n = 0;
    for (; *text; text++)
        if (std::isalnum((unsigned char)*text))
            out[n++] = (char)std::toupper((unsigned char)*text);
    out[n] = '\0';
}
